/** Pieces of output are gathered to about this many characters before they are written. */
const CHUNK = 1 << 20;

/**
 * Writes a value exactly as `JSON.stringify(value, null, 2)` writes it, in pieces of about a
 * megabyte, with `escape` applied to every piece (each a whole key, string or list element, so
 * escaping a piece is escaping the document): a document of many megabytes is never one string,
 * nor copied whole to be escaped (docs/decisions.md, Performance).
 */
export function writeJsonInPieces(value: unknown, write: (piece: string) => void, escape: (json: string) => string = (json) => json): void {
  let parts: string[] = [];
  let size = 0;
  const put = (part: string) => {
    parts.push(part);
    size += part.length;
    if (size >= CHUNK) flush();
  };
  const flush = () => {
    if (parts.length > 0) write(parts.join(''));
    parts = [];
    size = 0;
  };
  const visit = (item: unknown, indent: string): void => {
    const plain = hasToJson(item) ? item.toJSON() : item;
    if (plain === null || typeof plain !== 'object') {
      put(typeof plain === 'string' ? escape(JSON.stringify(plain)) : (JSON.stringify(plain) ?? 'null'));
      return;
    }
    const inner = `${indent}  `;
    if (Array.isArray(plain)) {
      if (plain.length === 0) return put('[]');
      put('[');
      // Each element is small: JSON.stringify writes it (fast), and its lines get the indentation (JSON strings hold no line breaks).
      plain.forEach((element, index) => {
        put(`${index === 0 ? '' : ','}\n${inner}`);
        put(escape((JSON.stringify(element, null, 2) ?? 'null').replaceAll('\n', `\n${inner}`)));
      });
      return put(`\n${indent}]`);
    }
    const entries = Object.entries(plain).filter(([, element]) => !isSkipped(hasToJson(element) ? element.toJSON() : element));
    if (entries.length === 0) return put('{}');
    put('{');
    entries.forEach(([key, element], index) => {
      put(`${index === 0 ? '' : ','}\n${inner}${escape(JSON.stringify(key))}: `);
      visit(element, inner);
    });
    put(`\n${indent}}`);
  };
  visit(value, '');
  flush();
}

/** What JSON leaves out of an object and writes as null in an array. */
function isSkipped(value: unknown): boolean {
  return value === undefined || typeof value === 'function' || typeof value === 'symbol';
}

function hasToJson(value: unknown): value is { toJSON: () => unknown } {
  return typeof value === 'object' && value !== null && typeof (value as { toJSON?: unknown }).toJSON === 'function';
}
