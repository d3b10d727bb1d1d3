import { isMap, isScalar, isSeq, parseDocument, stringify, YAMLSeq, type Document, type Node, type Pair, type YAMLMap } from 'yaml';
import { LayoutError } from '../errors.js';
import { splitFrontmatter, withLineFeeds } from '../records/frontmatter.js';
import incidentSchema from '../../../schemas/incident.schema.json' with { type: 'json' };

/**
 * Edits a record file's frontmatter in place, as text: each edit replaces one value or adds
 * lines, so comments, key order, quoting, blank lines and the Markdown body stay as they were.
 * The `yaml` document tells where each key and value is; the text is spliced there.
 */

/** Where keys of an incident go when they are added: the schema's order. Other kinds pass their schema's. */
const KEY_ORDER: readonly string[] = Object.keys(incidentSchema.properties);

/**
 * A value written as YAML on one line: plain when YAML reads it back the same, quoted otherwise.
 * Inside `{…}` or `[…]` (`flow`), a plain value that holds a comma, a bracket or a brace would be
 * cut there, so it is quoted.
 */
export function yamlScalar(value: string, flow = false): string {
  const text = stringify(value, { lineWidth: 0 }).trimEnd();
  if (text.includes('\n')) return JSON.stringify(value);
  return flow && !/^["']/.test(text) && /[,[\]{}#]|:\s|:$/.test(text) ? JSON.stringify(value) : text;
}

/** A value already written as YAML in flow style (`[{id: a, status: b}]`), added as it is. */
export interface FlowText {
  flow: string;
}

/** A value added by an edit: a scalar, written as yamlScalar writes it, or YAML in flow style. */
type Value = string | FlowText;

function written(value: Value, flow = false): string {
  return typeof value === 'string' ? yamlScalar(value, flow) : value.flow;
}

/** A list of maps of scalars in flow style, for an edit: `[{id: a, status: b}]`. */
export function flowList(items: readonly (readonly [string, string])[][]): FlowText {
  return { flow: `[${items.map((entries) => `{${entries.map(([key, value]) => `${key}: ${yamlScalar(value, true)}`).join(', ')}}`).join(', ')}]` };
}

interface Frontmatter {
  /** Offset of the YAML in the file. */
  offset: number;
  document: Document.Parsed;
  /** The file's line ending, for the lines that are added. */
  eol: string;
  /** The file's text with every line break a line feed: the same offsets, for finding lines. */
  lines: string;
}

/** The frontmatter of a record that has been validated, so it has one. */
function readFrontmatter(text: string): Frontmatter {
  const split = splitFrontmatter(text);
  if (!split.ok) throw new Error(`only a valid record is edited, and this one has no frontmatter: ${split.problem.message}`);
  const { yamlOffset, closingOffset, eol } = split.split;
  const lines = withLineFeeds(text);
  return { offset: yamlOffset, document: parseDocument(lines.slice(yamlOffset, closingOffset), { keepSourceTokens: true }), eol, lines };
}

function splice(text: string, start: number, end: number, insert: string): string {
  return `${text.slice(0, start)}${insert}${text.slice(end)}`;
}

/** Where the line holding `offset` starts; `lines` has line feeds only. */
function lineStart(lines: string, offset: number): number {
  return lines.lastIndexOf('\n', offset - 1) + 1;
}

/** Where the line holding `offset` ends, before its line break (and before a CR of a CRLF). */
function lineEnd(text: string, lines: string, offset: number): number {
  const end = lines.indexOf('\n', offset);
  if (end === -1) return lines.length;
  return text[end - 1] === '\r' ? end - 1 : end;
}

/**
 * Where a value's text ends, without the line breaks a block scalar (`>-`, `|`) takes with it: an
 * edit replaces the value and keeps the lines after it.
 */
function valueEnd(lines: string, offset: number, node: Node): number {
  let end = offset + node.range![1];
  while (end > offset + node.range![0] && /[\r\n]/.test(lines[end - 1]!)) end--;
  return end;
}

function pairOf(map: unknown, key: string): Pair<Node, Node | null> | undefined {
  if (!isMap(map)) return undefined;
  return map.items.find((pair) => isScalar(pair.key) && pair.key.value === key) as Pair<Node, Node | null> | undefined;
}

/** True when a key has no value: nothing after it, or `~` or `null`. */
function isEmptyValue(node: Node | null | undefined): boolean {
  return !node?.range || (isScalar(node) && node.value === null);
}

/**
 * Replaces a key's value, or fills it in when it is empty. An empty value written out (`~`,
 * `null`) is replaced; one left blank gets the value after the colon, before any comment.
 */
function replaceValue(text: string, frontmatter: Frontmatter, pair: Pair<Node, Node | null>, replacement: string): string {
  const { offset, lines } = frontmatter;
  const value = pair.value;
  if (value?.range && value.range[1] > value.range[0]) return splice(text, offset + value.range[0], valueEnd(lines, offset, value), replacement);
  const keyEnd = offset + pair.key.range![1] + 1; // just after the colon
  return splice(text, keyEnd, keyEnd, ` ${replacement}`);
}

/**
 * Adds `key: value` to a map: before the closing brace of one written as `{…}`, or on a line of
 * its own after the last key of a block map, indented as its first key.
 */
function addToMap(text: string, frontmatter: Frontmatter, map: YAMLMap, key: string, value: Value): string {
  const { offset, lines, eol } = frontmatter;
  if (map.flow) return addToFlow(text, frontmatter, map, `${key}: ${written(value, true)}`);
  const start = offset + map.range![0];
  const end = valueEnd(lines, offset, map as Node);
  const indent = ' '.repeat(start - lineStart(lines, start));
  const at = lineEnd(text, lines, end);
  return splice(text, at, at, `${eol}${indent}${key}: ${written(value)}`);
}

/** Adds an entry before the closing bracket of a `{…}` map or `[…]` list. */
function addToFlow(text: string, frontmatter: Frontmatter, collection: YAMLMap | YAMLSeq, entry: string): string {
  const { offset, lines } = frontmatter;
  const close = lines.lastIndexOf(collection instanceof YAMLSeq ? ']' : '}', offset + collection.range![1] - 1);
  let before = close;
  while (/\s/.test(lines[before - 1]!)) before--;
  const empty = collection.items.length === 0;
  const comma = !empty && lines[before - 1] !== ',' ? ', ' : empty ? '' : ' ';
  return splice(text, before, before, `${comma}${entry}`);
}

/**
 * Sets a top-level key (`['resolved_at']`) or a key of a top-level map (`['resolution', 'code']`)
 * to a scalar, or clears it (`null`: the key stays, empty, which means "not set").
 * @param keyOrder where an added key goes: before the first key that comes after it here (default: the incident schema's order)
 */
export function setKey(
  text: string,
  path: readonly [string] | readonly [string, string],
  value: string | null,
  keyOrder: readonly string[] = KEY_ORDER,
): string {
  const frontmatter = readFrontmatter(text);
  const { offset, document, eol, lines } = frontmatter;
  const [first, second] = path;
  if (!isMap(document.contents)) throw new Error('the frontmatter is not a map of keys');
  const parentPair = second === undefined ? undefined : pairOf(document.contents, first);
  if (second !== undefined && !isMap(parentPair?.value)) {
    if (value === null) return text;
    if (document.contents.flow) return addToFlow(text, frontmatter, document.contents, `${first}: {${second}: ${yamlScalar(value, true)}}`);
    if (!parentPair) return insertTopLevelKey(text, frontmatter, first, `${first}:${eol}  ${second}: ${yamlScalar(value)}`, keyOrder);
    // `resolution:` left empty, as a template leaves it: its keys go on the lines below it. An
    // empty value written out (`~`) is taken away first.
    const keyEnd = offset + parentPair.key.range![1] + 1;
    const written = parentPair.value?.range;
    if (written && written[1] > written[0]) return setKey(splice(text, keyEnd, valueEnd(lines, offset, parentPair.value!), ''), path, value);
    const keyStart = offset + parentPair.key.range![0];
    const indent = ' '.repeat(keyStart - lineStart(lines, keyStart) + 2);
    const at = lineEnd(text, lines, keyEnd);
    return splice(text, at, at, `${eol}${indent}${second}: ${yamlScalar(value)}`);
  }
  const map = (second === undefined ? document.contents : parentPair!.value) as YAMLMap;
  const key = second ?? first;
  const pair = pairOf(map, key);
  if (!pair) {
    if (value === null) return text;
    if (second === undefined && !map.flow) return insertTopLevelKey(text, frontmatter, key, `${key}: ${yamlScalar(value)}`, keyOrder);
    return addToMap(text, frontmatter, map, key, value);
  }
  const isEmpty = isEmptyValue(pair.value);
  if (value === null) {
    if (isEmpty) return text;
    const keyEnd = offset + pair.key.range![1] + 1;
    // In a `{…}` map an empty key is written `key: null`, so the entries around it still read.
    return map.flow
      ? splice(text, offset + pair.value!.range![0], valueEnd(lines, offset, pair.value!), 'null')
      : splice(text, keyEnd, valueEnd(lines, offset, pair.value!), '');
  }
  if (!isEmpty && isScalar(pair.value) && pair.value.value === value) return text;
  return replaceValue(text, frontmatter, pair, yamlScalar(value, map.flow));
}

/** Adds `key: …` lines before the first key that follows it in the schema's order (above that key's comments), or at the end. */
function insertTopLevelKey(text: string, frontmatter: Frontmatter, key: string, added: string, keyOrder: readonly string[]): string {
  const { offset, document, eol, lines } = frontmatter;
  const rank = keyOrder.indexOf(key);
  const next = isMap(document.contents)
    ? (document.contents.items as Pair<Node, unknown>[]).find((pair) => isScalar(pair.key) && keyOrder.indexOf(String(pair.key.value)) > rank)
    : undefined;
  if (!next) {
    const end = offset + document.range[1];
    const atLineStart = end === 0 || lines[end - 1] === '\n';
    return splice(text, end, end, `${atLineStart ? '' : eol}${added}${eol}`);
  }
  let at = lineStart(lines, offset + next.key.range![0]);
  while (at > offset) {
    const above = lineStart(lines, at - 1);
    if (!lines.slice(above, at).trimStart().startsWith('#')) break;
    at = above;
  }
  return splice(text, at, at, `${added}${eol}`);
}

/** Sets a key of the item of a top-level list whose `id` is `id` (a service's status). */
export function setItemKey(text: string, list: string, id: string, key: string, value: string): string {
  const frontmatter = readFrontmatter(text);
  const sequence = pairOf(frontmatter.document.contents, list)?.value;
  const item = isSeq(sequence) ? sequence.items.find((candidate) => pairOf(candidate, 'id')?.value?.toJSON() === id) : undefined;
  const pair = pairOf(item, key);
  if (!pair) throw new Error(`${list} has no item with id ${id} and a ${key}`);
  if (isScalar(pair.value) && pair.value.value === value) return text;
  return replaceValue(text, frontmatter, pair, yamlScalar(value, (item as YAMLMap).flow));
}

/** Adds a key the item at `index` of a top-level list does not have yet (the first update's `services`). */
export function addItemKey(text: string, list: string, index: number, key: string, value: Value): string {
  const frontmatter = readFrontmatter(text);
  const sequence = pairOf(frontmatter.document.contents, list)?.value;
  const item = isSeq(sequence) ? sequence.items[index] : undefined;
  if (!isMap(item) || pairOf(item, key)) throw new Error(`${list}[${index}] is not a map without a ${key}`);
  return addToMap(text, frontmatter, item, key, value);
}

/** Appends an item, a map of values, to a top-level block list, indented as its other items. */
export function appendItem(text: string, list: string, entries: readonly (readonly [string, Value])[]): string {
  const frontmatter = readFrontmatter(text);
  const { offset, document, eol, lines } = frontmatter;
  const sequence = pairOf(document.contents, list)?.value;
  if (!isSeq(sequence) || (!sequence.flow && sequence.items.length === 0))
    throw new LayoutError(list, `${list} is not a list, so nothing can be added to it: write it with one "- " item per line`);
  if (sequence.flow) return addToFlow(text, frontmatter, sequence, `{${entries.map(([key, value]) => `${key}: ${written(value, true)}`).join(', ')}}`);
  const last = sequence.items.at(-1) as Node;
  const itemStart = offset + last.range![0];
  let prefix = lines.slice(lineStart(lines, itemStart), itemStart);
  if (!prefix.includes('-')) {
    // The item starts on the line below its "-": the new one is written "- key" on one line.
    const dash = lines.lastIndexOf('-', itemStart - 1);
    prefix = `${' '.repeat(dash - lineStart(lines, dash))}- `;
  }
  const indent = ' '.repeat(prefix.length);
  const added = entries.map(([key, value], index) => `${index === 0 ? prefix : indent}${key}: ${written(value)}`);
  const end = offset + sequence.range![1];
  const atLineStart = lines[end - 1] === '\n';
  return splice(text, end, end, `${atLineStart ? '' : eol}${added.join(eol)}${eol}`);
}

/**
 * Sets a top-level key to a block of lines (a list of maps, as intake writes `alerts`): the
 * key's value is replaced, or the key is added in the schema's order. `lines` are the value's
 * lines, each already indented below the key.
 */
export function setBlock(text: string, key: string, lines: readonly string[]): string {
  const frontmatter = readFrontmatter(text);
  const { offset, document, eol } = frontmatter;
  if (!isMap(document.contents) || document.contents.flow) throw new LayoutError(key, `the frontmatter is not a block map, so ${key} cannot be written`);
  const pair = pairOf(document.contents, key);
  const block = lines.map((line) => `${eol}${line}`).join('');
  if (!pair) return insertTopLevelKey(text, frontmatter, key, `${key}:${block}`, KEY_ORDER);
  const keyEnd = offset + pair.key.range![1] + 1;
  const end = isEmptyValue(pair.value) ? keyEnd : valueEnd(frontmatter.lines, offset, pair.value!);
  return splice(text, keyEnd, end, block);
}
