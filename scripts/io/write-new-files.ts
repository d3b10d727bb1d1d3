import { lstat, mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { TextFile } from '../core/init/starter-files.js';

/** What became of each file: written, kept as it was, or blocked by something in the way. */
export interface NewFilesOutcome {
  written: string[];
  kept: string[];
  blocked: { path: string; reason: string }[];
}

/**
 * Writes each file that does not exist yet, creating its folders. Never overwrites, and never
 * writes through a link: a path that exists, as anything, is left alone.
 */
export async function writeNewFiles(root: string, files: readonly TextFile[]): Promise<NewFilesOutcome> {
  const outcome: NewFilesOutcome = { written: [], kept: [], blocked: [] };
  for (const file of files) {
    const target = join(root, file.path);
    try {
      await mkdir(dirname(target), { recursive: true });
    } catch {
      outcome.blocked.push({ path: file.path, reason: `a file is where the folder ${dirname(file.path)} should be` });
      continue;
    }
    try {
      await writeFile(target, file.text, { flag: 'wx' });
      outcome.written.push(file.path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') outcome.blocked.push({ path: file.path, reason: (error as Error).message });
      else if ((await lstat(target)).isFile()) outcome.kept.push(file.path);
      else outcome.blocked.push({ path: file.path, reason: 'something other than a file is there' });
    }
  }
  return outcome;
}
