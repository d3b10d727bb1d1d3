import { closeSync, constants, existsSync, fstatSync, lstatSync, openSync, readdirSync, readSync, type Dirent } from 'node:fs';
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

/**
 * A repository whose record files are read one at a time as `records` is iterated (once), so
 * that no more than one file's text is held at a time; `findings` is complete once it has been.
 */
export interface RepositoryStream extends Omit<RepositoryFiles, 'records'> {
  records: Iterable<TextFile>;
  /** The root and the record files listed, for readers in other threads (io/check-in-threads.ts). */
  listing: { root: string; files: readonly ListedFile[] };
  /** Reads the listed files from `from` up to `to`, as `records` reads them all. */
  readRecords(from: number, to: number): Iterable<TextFile>;
}

/** A record file listed in a record folder, and what the listing says it is. */
export interface ListedFile {
  path: string;
  type: 'file' | 'link' | 'other';
}

/** Reads incidents.config.yml and every `.md` file directly inside the record folders (core/records/kinds.ts). */
export async function readRepository(root: string): Promise<RepositoryFiles> {
  const stream = streamRepository(root);
  return { config: stream.config, records: [...stream.records], findings: stream.findings, names: stream.names };
}

/**
 * Reads incidents.config.yml and lists the record folders; the record files are read as they are
 * iterated, each with a way to read it again (`reread`) for the positions of findings. Files are
 * read with blocking calls, one after another: here that is five times faster than asynchronous
 * reads in batches (docs/decisions.md, Performance), and nothing else runs meanwhile.
 */
export function streamRepository(root: string): RepositoryStream {
  const findings: Finding[] = [];
  const config = hasEntry(join(root, CONFIG_FILE)) ? collect(readTextFile(root, CONFIG_FILE), CONFIG_FILE, findings) : undefined;
  const listed: ListedFile[] = [];
  const names: string[] = [];
  for (const folder of RECORD_FOLDERS) {
    for (const entry of readFolder(join(root, folder)).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const path = `${folder}/${entry.name}`;
      names.push(path);
      if (entry.isDirectory()) findings.push(folderFinding(path, folder));
      else if (entry.name.endsWith('.md')) listed.push({ path, type: entry.isSymbolicLink() ? 'link' : entry.isFile() ? 'file' : 'other' });
    }
  }
  function* readRecords(from: number, to: number): Generator<TextFile> {
    for (const { path, type } of listed.slice(from, to)) {
      const file = collect(readTextFile(root, path, type), path, findings);
      if (file) yield { ...file, reread: () => textAgain(root, path) };
    }
  }
  return { config, records: readRecords(0, listed.length), findings, names, listing: { root, files: listed }, readRecords };
}

/** The file, or undefined with its finding pushed onto `findings`. */
function collect(result: { text: string } | { finding: Finding }, path: string, findings: Finding[]): TextFile | undefined {
  if ('finding' in result) findings.push(result.finding);
  return 'text' in result ? { path, text: result.text } : undefined;
}

/** True when the path names anything, a dangling link included. */
function hasEntry(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

/** A file's text read again, or undefined when it can no longer be read as it was. */
export function textAgain(root: string, path: string): string | undefined {
  const result = readTextFile(root, path);
  return 'text' in result ? result.text : undefined;
}

/** A folder's entries; none when it is missing or cannot be listed. */
function readFolder(path: string): Dirent[] {
  try {
    return readdirSync(path, { withFileTypes: true });
  } catch {
    return [];
  }
}

/** Refuses to follow a link at the last step of a path, where the system can (0 where it cannot). */
const NO_FOLLOW = constants.O_NOFOLLOW ?? 0;

/**
 * Reads one file as UTF-8, refusing links, anything but a plain file, and oversized files with a
 * finding instead of throwing. `type` is what the folder's listing says the file is, when it was listed.
 */
export function readTextFile(root: string, path: string, type?: ListedFile['type']): { text: string } | { finding: Finding } {
  if (type === 'link') return { finding: linkFinding(path) };
  if (type === 'other') return { finding: fileFinding(path, 'file/unreadable', `${path} is not a plain file: records must be plain files in the repository`) };
  let descriptor: number | undefined;
  try {
    descriptor = openSync(join(root, path), constants.O_RDONLY | NO_FOLLOW);
    const { size } = fstatSync(descriptor);
    if (size > MAX_FILE_BYTES)
      return { finding: fileFinding(path, 'file/unreadable', `${path} is ${size} bytes: a record file may be at most ${MAX_FILE_BYTES} bytes`) };
    const bytes = Buffer.allocUnsafe(size);
    let filled = 0;
    for (let got = -1; filled < size && got !== 0; filled += got) got = readSync(descriptor, bytes, filled, size - filled, filled);
    return decodeText(path, bytes.subarray(0, filled));
  } catch (error) {
    // ELOOP: the name was swapped for a link after it was listed.
    if ((error as NodeJS.ErrnoException).code === 'ELOOP') return { finding: linkFinding(path) };
    const reason = error instanceof Error ? error.message : String(error);
    return { finding: fileFinding(path, 'file/unreadable', `${path} could not be read: ${reason}`, 'error', error) };
  } finally {
    if (descriptor !== undefined) closeSync(descriptor);
  }
}

function linkFinding(path: string): Finding {
  return fileFinding(path, 'file/unreadable', `${path} is a symbolic link: records must be plain files in the repository`);
}

/** A warning for a folder inside a record folder, whose files are never read. */
export function folderFinding(path: string, folder: string): Finding {
  return fileFinding(path, 'file/name', `${path} is a folder, and folders inside ${folder}/ are not read: keep records directly in ${folder}/`, 'warning');
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
