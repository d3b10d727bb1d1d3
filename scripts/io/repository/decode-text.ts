import { findingAtPosition, type Finding } from '../../core/findings.js';

const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * A file's bytes as text, or a finding when they are not text a person wrote: a NUL byte (a
 * binary file) or bytes that are not UTF-8, each at the line where it first happens.
 */
export function decodeText(path: string, bytes: Uint8Array): { text: string } | { finding: Finding } {
  const nul = bytes.indexOf(0);
  if (nul !== -1) return { finding: findingAtByte(path, bytes, nul, `${path} holds a NUL byte, so it is a binary file, not a Markdown record`) };
  try {
    return { text: STRICT_UTF8.decode(bytes) };
  } catch {
    return { finding: findingAtByte(path, bytes, firstInvalidLine(bytes), `${path} is not UTF-8 text: save it as UTF-8`) };
  }
}

/** The offset of the start of the first line that is not valid UTF-8 on its own. */
function firstInvalidLine(bytes: Uint8Array): number {
  for (let start = 0; start < bytes.length;) {
    const end = bytes.indexOf(0x0a, start);
    const stop = end === -1 ? bytes.length : end;
    try {
      STRICT_UTF8.decode(bytes.subarray(start, stop));
    } catch {
      return start;
    }
    start = stop + 1;
  }
  return 0;
}

function findingAtByte(path: string, bytes: Uint8Array, offset: number, message: string): Finding {
  let line = 1;
  for (let index = bytes.indexOf(0x0a); index !== -1 && index < offset; index = bytes.indexOf(0x0a, index + 1)) line++;
  return findingAtPosition(path, { line, column: 1 }, 'file/unreadable', message);
}
