/** The toolkit's own shipped files (templates, workflows, schemas), found from this module or the bundle. */
import { readFileSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { StarterSources, TextFile } from '../core/init/starter-files.js';

const PACKAGE_NAME = 'incidents-as-code';

/** The workflows a team's repository runs: this repository's own, which `init` pins to the published Action. */
const STARTER_WORKFLOWS = ['validate.yml', 'incident-pr.yml', 'sla.yml', 'status-page.yml', 'intake.yml'];

interface Manifest {
  name?: string;
  version: string;
  repository?: { url?: string };
}

/** The package's folder and manifest: the nearest package.json upwards named incidents-as-code (scripts/io/ in a clone, dist/ installed). */
function ownPackage(): { root: string; manifest: Manifest } {
  for (let folder = dirname(fileURLToPath(import.meta.url)); ; folder = dirname(folder)) {
    const manifest = readManifest(join(folder, 'package.json'));
    if (manifest?.name === PACKAGE_NAME) return { root: folder, manifest };
    if (dirname(folder) === folder) throw new Error(`the ${PACKAGE_NAME} package.json is missing from its package`);
  }
}

function readManifest(path: string): Manifest | undefined {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as Manifest;
  } catch {
    return undefined;
  }
}

async function readFiles(folder: string, names: readonly string[]): Promise<TextFile[]> {
  return Promise.all(names.map(async (path) => ({ path, text: await readFile(join(folder, path), 'utf8') })));
}

/** What `init` starts a repository from. */
export async function readStarterSources(): Promise<StarterSources> {
  const { root } = ownPackage();
  const schemas = (await readdir(join(root, 'schemas'))).filter((name) => name.endsWith('.schema.json')).sort();
  return {
    config: await readFile(join(root, 'templates', 'init', 'incidents.config.yml'), 'utf8'),
    workflows: await readFiles(join(root, '.github', 'workflows'), STARTER_WORKFLOWS),
    schemas: await readFiles(join(root, 'schemas'), schemas),
  };
}

/** Where the Action is published and the tag of this version: package.json's `repository` and `version`. */
export function publishedAction(): { repository: string; ref: string } {
  const { manifest } = ownPackage();
  const repository = /github\.com[/:]([^/]+\/[^/.]+)/.exec(manifest.repository?.url ?? '')?.[1];
  if (!repository) throw new Error(`the ${PACKAGE_NAME} package.json names no GitHub repository`);
  return { repository, ref: `v${manifest.version}` };
}
