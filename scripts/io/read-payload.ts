import { readFile, stat } from 'node:fs/promises';

/** The largest payload file intake reads: an event or a webhook body is far smaller. */
export const MAX_PAYLOAD_BYTES = 5 * 1024 * 1024;

/**
 * Reads a JSON payload file (a webhook body or an Actions event), or says why it cannot: missing,
 * too large, or not JSON (with the line and column of the fault).
 */
export async function readJsonFile(path: string): Promise<{ ok: true; value: unknown } | { ok: false; message: string }> {
  let text: string;
  try {
    const size = (await stat(path)).size;
    if (size > MAX_PAYLOAD_BYTES) return { ok: false, message: `${path}: ${size} bytes, more than the ${MAX_PAYLOAD_BYTES} a payload may have` };
    text = await readFile(path, 'utf8');
  } catch (error) {
    return { ok: false, message: `${path} could not be read: ${(error as NodeJS.ErrnoException).code ?? String(error)}` };
  }
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    const position = /position (\d+)/.exec(error instanceof Error ? error.message : '')?.[1];
    const where = position === undefined ? '' : lineColumn(text, Number(position));
    return {
      ok: false,
      message: `${path}${where}: not JSON (${error instanceof Error ? error.message.replace(/ in JSON at position \d+.*$/, '') : String(error)})`,
    };
  }
}

function lineColumn(text: string, offset: number): string {
  const before = text.slice(0, offset).split('\n');
  return `:${before.length}:${before.at(-1)!.length + 1}`;
}
