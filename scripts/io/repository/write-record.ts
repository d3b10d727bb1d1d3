import { randomUUID } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { RecordWriteError } from '../../core/errors.js';

/**
 * Writes a record file under root. A new record is written only where nothing is (never over a
 * file, a folder or a link); an edited one replaces the file at once, through a temporary file of
 * its own beside it, so a reader never sees half a record. When it cannot be written, throws
 * RecordWriteError saying why, and nothing has changed. A new record's folder is made when the
 * repository has none yet (a repository from before its kind existed: problems/).
 * @param mode `create` for a new record, `replace` for an edited one
 */
export async function writeRecordFile(root: string, path: string, text: string, mode: 'create' | 'replace'): Promise<void> {
  const target = join(root, path);
  if (mode === 'create') {
    await mkdir(dirname(target)).catch((error: unknown) => {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw failure(path, error);
    });
    await writeFile(target, text, { flag: 'wx' }).catch((error: unknown) => {
      throw failure(path, error);
    });
    return;
  }
  const temporary = `${target}.${randomUUID()}.tmp`;
  try {
    await writeFile(temporary, text, { flag: 'wx' });
    await rename(temporary, target);
  } catch (error) {
    await rm(temporary, { force: true }).catch(() => undefined);
    throw failure(path, error);
  }
}

function failure(path: string, error: unknown): RecordWriteError {
  const code = (error as NodeJS.ErrnoException).code;
  const why =
    code === 'EEXIST'
      ? 'something is already there (a file that could not be read, a folder or a link): move it away, then run the command again'
      : `${code ?? (error instanceof Error ? error.message : String(error))}`;
  return new RecordWriteError(`${path} could not be written: ${why}`, { cause: error });
}
