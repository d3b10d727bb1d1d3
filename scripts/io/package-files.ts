/** The toolkit's own shipped files (templates, workflows, schemas), found from this module or the bundle. */
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { StarterSources, TextFile } from '../core/init/starter-files.js';

/** The package's folder: the nearest one upwards with templates/init (scripts/io/ in a clone, dist/ installed). */
function packageRoot(): string {
  for (let folder = dirname(fileURLToPath(import.meta.url)); ; folder = dirname(folder)) {
    if (existsSync(join(folder, 'templates', 'init'))) return folder;
    if (dirname(folder) === folder) throw new Error("the toolkit's templates/init folder is missing from its package");
  }
}

async function readFolder(folder: string, extension: string): Promise<TextFile[]> {
  const names = (await readdir(folder)).filter((name) => name.endsWith(extension)).sort();
  return Promise.all(names.map(async (path) => ({ path, text: await readFile(join(folder, path), 'utf8') })));
}

/** What `init` starts a repository from. */
export async function readStarterSources(): Promise<StarterSources> {
  const root = packageRoot();
  return {
    config: await readFile(join(root, 'templates', 'init', 'incidents.config.yml'), 'utf8'),
    workflows: await readFolder(join(root, '.github', 'workflows'), '.yml'),
    schemas: await readFolder(join(root, 'schemas'), '.schema.json'),
  };
}

/** Where the Action is published and the tag of this version: package.json's `repository` and `version`. */
export async function publishedAction(): Promise<{ repository: string; ref: string }> {
  const manifest = JSON.parse(await readFile(join(packageRoot(), 'package.json'), 'utf8')) as { version: string; repository: { url: string } };
  const repository = /github\.com\/([^/]+\/[^/.]+)/.exec(manifest.repository.url)![1]!;
  return { repository, ref: `v${manifest.version}` };
}
