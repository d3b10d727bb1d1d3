import { lstat, readdir, readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { UsageError } from '../../core/errors.js';
import { fileFinding, type Finding } from '../../core/findings.js';
import { RECORD_FOLDERS } from '../../core/records/kinds.js';
import type { TextFile } from '../../core/records/validate.js';
import { decodeText } from './decode-text.js';

/** Where a repository keeps its config and records (docs/reference.md, Repository layout). */
export const CONFIG_FILE = 'incidents.config.yml';

/** A file larger than this is not a record anyone wrote by hand; it is refused unread. */
export const MAX_FILE_BYTES = 1024 * 1024;

/** The config and record files of a repository, as text, and a finding for each file that could not be read. */
export interface RepositoryFiles {
  /** Undefined when the repository has no incidents.config.yml. */
  config: TextFile | undefined;
  records: TextFile[];
  findings: Finding[];
  /** Every name in the record folders, read or not (a folder, a link, an unreadable file): a new record's id must clash with none. */
  names: string[];
}

/** Reads incidents.config.yml and every `.md` file directly inside the record folders (core/records/kinds.ts). */
export async function readRepository(root: string): Promise<RepositoryFiles> {
  const findings: Finding[] = [];
  const read = async (path: string): Promise<TextFile | undefined> => {
    const result = await readTextFile(root, path);
    if ('finding' in result) findings.push(result.finding);
    return 'text' in result ? { path, text: result.text } : undefined;
  };

  const config = (await exists(join(root, CONFIG_FILE))) ? await read(CONFIG_FILE) : undefined;
  const paths: string[] = [];
  const names: string[] = [];
  for (const folder of RECORD_FOLDERS) {
    const entries = await readdir(join(root, folder), { withFileTypes: true }).catch(() => []);
    for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const path = `${folder}/${entry.name}`;
      names.push(path);
      if (entry.isDirectory()) {
        findings.push(folderFinding(path, folder));
      } else if (entry.name.endsWith('.md')) {
        paths.push(path);
      }
    }
  }
  const records: TextFile[] = [];
  for (let start = 0; start < paths.length; start += 64) {
    const batch = await Promise.all(paths.slice(start, start + 64).map(read));
    records.push(...batch.filter((file) => file !== undefined));
  }
  return { config, records, findings, names };
}

/** Reads one file as UTF-8, refusing links and oversized files with a finding instead of throwing. */
async function readTextFile(root: string, path: string): Promise<{ text: string } | { finding: Finding }> {
  try {
    const stats = await lstat(join(root, path));
    if (stats.isSymbolicLink())
      return { finding: fileFinding(path, 'file/unreadable', `${path} is a symbolic link: records must be plain files in the repository`) };
    if (stats.size > MAX_FILE_BYTES)
      return { finding: fileFinding(path, 'file/unreadable', `${path} is ${stats.size} bytes: a record file may be at most ${MAX_FILE_BYTES} bytes`) };
    return decodeText(path, await readFile(join(root, path)));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { finding: fileFinding(path, 'file/unreadable', `${path} could not be read: ${reason}`, 'error', error) };
  }
}

/** A warning for a folder inside a record folder, whose files are never read. */
export function folderFinding(path: string, folder: string): Finding {
  return fileFinding(path, 'file/name', `${path} is a folder, and folders inside ${folder}/ are not read: keep records directly in ${folder}/`, 'warning');
}

async function exists(path: string): Promise<boolean> {
  return lstat(path).then(
    () => true,
    () => false,
  );
}

/**
 * The incident repository a command works on: `--root` when given (it must exist), else the
 * nearest folder from `cwd` upwards that holds incidents.config.yml, as git finds its repository;
 * `cwd` itself when none does (the command then says the config is missing).
 */
export function findRoot(command: string, cwd: string, rootOption: string | undefined): string {
  if (rootOption !== undefined) {
    const root = resolve(cwd, rootOption);
    if (!existsSync(root)) throw new UsageError(`incidents ${command}: --root ${rootOption} does not exist (${root})`);
    return root;
  }
  for (let folder = resolve(cwd); ; folder = dirname(folder)) {
    if (existsSync(join(folder, CONFIG_FILE))) return folder;
    if (dirname(folder) === folder) return resolve(cwd);
  }
}
