import { lstat, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { TextFile } from '../core/init/starter-files.js';

/** What became of each file: written, kept as it was, or blocked by something in the way. */
export interface NewFilesOutcome {
  written: string[];
  kept: string[];
  blocked: { path: string; reason: string }[];
}

/**
 * Writes each file that does not exist yet under root, creating its folders. Never overwrites, and
 * never writes through a link: a path that exists, as anything, is left alone, and a link where a
 * folder of the path should be stops that file.
 */
export async function writeNewFiles(root: string, files: readonly TextFile[]): Promise<NewFilesOutcome> {
  const outcome: NewFilesOutcome = { written: [], kept: [], blocked: [] };
  for (const file of files) {
    const inTheWay = await makeFolders(root, file.path.split('/').slice(0, -1));
    if (inTheWay) {
      outcome.blocked.push({ path: file.path, reason: inTheWay });
      continue;
    }
    const target = join(root, file.path);
    try {
      await writeFile(target, file.text, { flag: 'wx' });
      outcome.written.push(file.path);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const there = code === 'EEXIST' ? await kindAt(target) : undefined;
      if (there === 'file') outcome.kept.push(file.path);
      else outcome.blocked.push({ path: file.path, reason: there ? `a ${there} is there` : `it cannot be written (${code ?? (error as Error).message})` });
    }
  }
  return outcome;
}

/** Makes each folder of a path in turn; says what is in the way when one is a file or a link. */
async function makeFolders(root: string, folders: readonly string[]): Promise<string | undefined> {
  for (let depth = 1; depth <= folders.length; depth++) {
    const folder = folders.slice(0, depth).join('/');
    const there = await kindAt(join(root, folder));
    if (there === undefined) {
      try {
        await mkdir(join(root, folder));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') return `the folder ${folder} cannot be made (${(error as NodeJS.ErrnoException).code})`;
        if ((await kindAt(join(root, folder))) !== 'folder') return `something appeared where the folder ${folder} should be`;
      }
    } else if (there !== 'folder') return `a ${there} is where the folder ${folder} should be`;
  }
  return undefined;
}

/** What is at a path, without following a link; undefined when nothing is. */
async function kindAt(path: string): Promise<'file' | 'folder' | 'link' | 'special file' | undefined> {
  try {
    const stats = await lstat(path);
    return stats.isSymbolicLink() ? 'link' : stats.isDirectory() ? 'folder' : stats.isFile() ? 'file' : 'special file';
  } catch {
    return undefined;
  }
}
