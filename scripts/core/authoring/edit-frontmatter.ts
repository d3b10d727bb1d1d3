import { isMap, isScalar, isSeq, parseDocument, stringify, type Document, type Node, type Pair } from 'yaml';
import { LayoutError } from '../errors.js';
import { splitFrontmatter } from '../records/frontmatter.js';
import incidentSchema from '../../../schemas/incident.schema.json' with { type: 'json' };

/**
 * Edits a record file's frontmatter in place, as text: each edit replaces one value or adds
 * lines, so comments, key order, quoting, blank lines and the Markdown body stay as they were.
 * The `yaml` document tells where each key and value is; the text is spliced there.
 */

/** Where keys of an incident go when they are added: the schema's order. */
const KEY_ORDER = Object.keys(incidentSchema.properties);

/** A value written as YAML on one line: plain when YAML reads it back the same, quoted otherwise. */
export function yamlScalar(value: string): string {
  const text = stringify(value, { lineWidth: 0 }).trimEnd();
  return text.includes('\n') ? JSON.stringify(value) : text;
}

interface Frontmatter {
  /** Offset of the YAML in the file. */
  offset: number;
  document: Document.Parsed;
  /** The file's line ending, for the lines that are added. */
  eol: string;
}

/** The frontmatter of a record that has been validated, so it has one. */
function readFrontmatter(text: string): Frontmatter {
  const split = splitFrontmatter(text);
  if (!split.ok) throw new Error(`only a valid record is edited, and this one has no frontmatter: ${split.problem.message}`);
  const { yamlOffset, closingOffset, eol } = split.split;
  return { offset: yamlOffset, document: parseDocument(text.slice(yamlOffset, closingOffset), { keepSourceTokens: true }), eol };
}

function splice(text: string, start: number, end: number, insert: string): string {
  return `${text.slice(0, start)}${insert}${text.slice(end)}`;
}

function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

function pairOf(map: unknown, key: string): Pair<Node, Node | null> | undefined {
  if (!isMap(map)) return undefined;
  return map.items.find((pair) => isScalar(pair.key) && pair.key.value === key) as Pair<Node, Node | null> | undefined;
}

/**
 * Sets a top-level key (`['resolved_at']`) or a key of a top-level map (`['resolution', 'code']`)
 * to a scalar, or clears it (`null`: the key stays, empty, which means "not set").
 */
export function setKey(text: string, path: readonly [string] | readonly [string, string], value: string | null): string {
  const { offset, document, eol } = readFrontmatter(text);
  const [first, second] = path;
  const parentPair = second === undefined ? undefined : pairOf(document.contents, first);
  if (second !== undefined && !isMap(parentPair?.value)) {
    if (value === null) return text;
    return insertTopLevelKey(text, offset, document, first, `${first}:${eol}  ${second}: ${yamlScalar(value)}`, eol);
  }
  const map = second === undefined ? document.contents : parentPair!.value;
  if (!isMap(map)) throw new Error('the frontmatter is not a map of keys');
  const key = second ?? first;
  const pair = pairOf(map, key);
  if (!pair) {
    if (value === null) return text;
    if (second === undefined) return insertTopLevelKey(text, offset, document, key, `${key}: ${yamlScalar(value)}`, eol);
    if (map.flow) throw new LayoutError(first, `${first} is written on one line ({…}), so ${key} cannot be added to it: write it as a block, one key per line`);
    const start = offset + map.range![0];
    const end = offset + map.range![1];
    const indent = ' '.repeat(start - lineStart(text, start));
    return splice(text, end, end, `${text[end - 1] === '\n' ? '' : eol}${indent}${key}: ${yamlScalar(value)}${eol}`);
  }
  const keyEnd = offset + (pair.key as Node).range![1] + 1; // just after the colon
  const valueRange = pair.value?.range;
  const isEmpty = !valueRange || (isScalar(pair.value) && pair.value.value === null);
  if (value === null) return isEmpty ? text : splice(text, keyEnd, offset + valueRange![1], '');
  if (isEmpty) return splice(text, keyEnd, keyEnd, ` ${yamlScalar(value)}`);
  if (isScalar(pair.value) && pair.value.value === value) return text;
  return splice(text, offset + valueRange[0], offset + valueRange[1], yamlScalar(value));
}

/** Adds `key: …` lines before the first key that follows it in the schema's order (above that key's comments), or at the end. */
function insertTopLevelKey(text: string, offset: number, document: Document.Parsed, key: string, lines: string, eol: string): string {
  const rank = KEY_ORDER.indexOf(key);
  const next = isMap(document.contents)
    ? (document.contents.items as Pair<Node, unknown>[]).find((pair) => isScalar(pair.key) && KEY_ORDER.indexOf(String(pair.key.value)) > rank)
    : undefined;
  if (!next) {
    const end = offset + document.range[1];
    const atLineStart = end === 0 || text[end - 1] === '\n';
    return splice(text, end, end, `${atLineStart ? '' : eol}${lines}${eol}`);
  }
  let at = lineStart(text, offset + next.key.range![0]);
  while (at > offset) {
    const above = lineStart(text, at - 1);
    if (!text.slice(above, at).trimStart().startsWith('#')) break;
    at = above;
  }
  return splice(text, at, at, `${lines}${eol}`);
}

/** Sets a key of the item of a top-level list whose `id` is `id` (a service's status). */
export function setItemKey(text: string, list: string, id: string, key: string, value: string): string {
  const { offset, document } = readFrontmatter(text);
  const sequence = pairOf(document.contents, list)?.value;
  const item = isSeq(sequence) ? sequence.items.find((candidate) => pairOf(candidate, 'id')?.value?.toJSON() === id) : undefined;
  const pair = pairOf(item, key);
  if (!pair?.value?.range) throw new Error(`${list} has no item with id ${id} and a ${key}`);
  if (isScalar(pair.value) && pair.value.value === value) return text;
  return splice(text, offset + pair.value.range[0], offset + pair.value.range[1], yamlScalar(value));
}

/** Appends an item, a map of scalars, to a top-level block list, indented as its other items. */
export function appendItem(text: string, list: string, entries: readonly [string, string][]): string {
  const { offset, document, eol } = readFrontmatter(text);
  const sequence = pairOf(document.contents, list)?.value;
  if (!isSeq(sequence) || sequence.flow || sequence.items.length === 0)
    throw new LayoutError(list, `${list} is not a block list, so nothing can be added to it: write it with one "- " item per line`);
  const last = sequence.items.at(-1) as Node;
  const itemStart = offset + last.range![0];
  const prefix = text.slice(lineStart(text, itemStart), itemStart);
  const indent = ' '.repeat(prefix.length);
  const lines = entries.map(([key, value], index) => `${index === 0 ? prefix : indent}${key}: ${yamlScalar(value)}`);
  const end = offset + sequence.range![1];
  const atLineStart = text[end - 1] === '\n';
  return splice(text, end, end, `${atLineStart ? '' : eol}${lines.join(eol)}${eol}`);
}
