import { CORE_SCHEMA, load } from 'js-yaml';
import { LineCounter, isAlias, isMap, isScalar, isSeq, parseDocument, visit, type Document, type Node } from 'yaml';
import { findingAtPosition, type Finding, type Position } from '../findings.js';
import { withLineFeeds } from './frontmatter.js';

/** A step into parsed YAML: a map key or a list index. */
export type YamlPath = readonly (string | number)[];

/** Finds where a key or value sits in the source. */
export type Locate = (path: YamlPath, at?: 'key' | 'value') => Position;

/** YAML that parsed cleanly: its plain data and where each key is. */
export interface ParsedYaml {
  /** Plain JSON-like data; keys left empty (null) are dropped, as if not written. */
  data: unknown;
  /** JSON pointers (`/resolution/code`) of the keys that were left empty. */
  emptyKeys: ReadonlySet<string>;
  locate: Locate;
}

/** Why some YAML was refused, at a position in the text. */
export interface YamlProblem extends Position {
  rule: string;
  message: string;
  cause?: unknown;
}

/** The findings for YAML problems in the file at `path`. */
export function problemsToFindings(path: string, problems: readonly YamlProblem[]): Finding[] {
  return problems.map(({ rule, message, cause, ...position }) => findingAtPosition(path, position, rule, message, 'error', cause));
}

/** A JSON pointer (RFC 6901) to a place in parsed YAML: `/services/0/status`. */
export function toPointer(path: YamlPath): string {
  return path.map((step) => `/${String(step).replaceAll('~', '~0').replaceAll('/', '~1')}`).join('');
}

const TOO_DEEP = 'Invalid YAML: it is nested too deeply';

/** More aliases than this in one file is treated as an alias bomb. */
export const MAX_ALIAS_COUNT = 100;

/**
 * Parses YAML 1.2 (core schema: timestamps stay strings) and refuses what a record never needs:
 * duplicate keys, unknown tags, `__proto__` keys and alias bombs.
 *
 * Two parsers share the work. js-yaml is several times faster and reads almost every record; the
 * `yaml` package keeps positions, so it finds a key's line only when a finding needs one, and it
 * parses whatever js-yaml refuses or that needs its guards, so every message comes from one parser.
 */
export function parseYaml(source: string, sourceAgain?: () => string): { ok: true; value: ParsedYaml } | { ok: false; problems: YamlProblem[] } {
  const text = withLineFeeds(source);
  const deep = tooDeep(text);
  if (deep) return { ok: false, problems: [{ ...deep, rule: 'yaml/syntax', message: TOO_DEEP }] };
  return parseQuickly(text, sourceAgain ?? constant(text)) ?? parseWithPositions(text);
}

/** Made in a function of its own: closures made in one function share what they capture, so one made beside sourceAgain's would keep the text. */
function constant(text: string): () => string {
  return () => text;
}

/** More flow nesting than this, or indentation deeper than this many spaces, is refused unparsed. */
const MAX_DEPTH = { brackets: 100, indentation: 200 };

/**
 * Where a text nests too deeply for a record, found in one pass before any parser recurses into
 * it: thousands of levels run a recursive parser out of stack, and V8 can then abort the process.
 * Brackets inside quotes count too; no real record comes near either limit.
 */
function tooDeep(text: string): Position | undefined {
  let depth = 0;
  let line = 1;
  let column = 0;
  let indentation = 0;
  let atLineStart = true;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code === 0x0a) {
      line++;
      column = indentation = 0;
      atLineStart = true;
      continue;
    }
    column++;
    if (atLineStart && code === 0x20) {
      if (++indentation > MAX_DEPTH.indentation) return { line, column };
      continue;
    }
    atLineStart = false;
    if (code === 0x5b || code === 0x7b) {
      if (++depth > MAX_DEPTH.brackets) return { line, column };
    } else if ((code === 0x5d || code === 0x7d) && depth > 0) {
      depth--;
    }
  }
  return undefined;
}

/**
 * The fast path: plain data from js-yaml, or undefined when the text needs the careful parser.
 * @param textForPositions gives the text again, the first time a finding needs a position
 */
function parseQuickly(text: string, textForPositions: () => string): { ok: true; value: ParsedYaml } | undefined {
  if (NEEDS_CARE.test(text)) return undefined;
  let data: unknown;
  try {
    data = load(text, { schema: CORE_SCHEMA }) ?? null; // js-yaml reads an empty text as undefined, yaml as null
  } catch {
    return undefined;
  }
  // Records and configs are maps: any other root is rare enough to leave to the careful parser.
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return undefined;
  const emptyKeys = new Set<string>();
  const plain = dropEmpty(data, [], emptyKeys, new Set());
  return plain === REPARSE
    ? undefined
    : { ok: true, value: { data: plain, emptyKeys: emptyKeys.size === 0 ? NO_EMPTY_KEYS : emptyKeys, locate: locateLazily(textForPositions) } };
}

/**
 * What the two parsers read differently, so the careful one reads it: tabs, explicit `?` keys,
 * anchors, aliases and tags, `~`, comments glued to a token, keys that are empty or collections, and
 * block scalars with an explicit indentation.
 */
const NEEDS_CARE = /\t|(?:^|[\s[{,])[?&*!~]|[[\]{},"']#|(?:^|[\s[{,]):|[\]}]\s*:|[|>][-+]?\d/;

/** The empty-keys set of the many records that have none: one set for all. */
const NO_EMPTY_KEYS: ReadonlySet<string> = new Set();

/** Finds positions by parsing once more with `yaml`, the first time a finding asks. */
export function locateLazily(textOf: () => string): Locate {
  let locate: Locate | undefined;
  return (path, at) => {
    if (!locate) {
      const parsed = parseWithPositions(withLineFeeds(textOf()));
      locate = parsed.ok ? parsed.value.locate : () => ({ line: 1, column: 1 });
    }
    return locate(path, at);
  };
}

/** The careful path alone: `yaml` with positions, its guards and its messages. */
export function parseWithPositions(text: string): { ok: true; value: ParsedYaml } | { ok: false; problems: YamlProblem[] } {
  try {
    return parseYamlUnguarded(text);
  } catch (error) {
    // The parser recurses: nesting thousands of levels deep overflows the stack.
    const message = error instanceof RangeError ? TOO_DEEP : `Invalid YAML: ${error instanceof Error ? error.message : String(error)}`;
    return { ok: false, problems: [{ line: 1, column: 1, rule: 'yaml/syntax', message, cause: error }] };
  }
}

function parseYamlUnguarded(text: string): ReturnType<typeof parseWithPositions> {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, version: '1.2', schema: 'core', uniqueKeys: true, prettyErrors: false });
  const position = (offset: number): Position => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };

  const problems: YamlProblem[] = [
    ...doc.errors.map((error) =>
      error.code === 'DUPLICATE_KEY'
        ? {
            ...position(error.pos[0]),
            rule: 'yaml/duplicate-key',
            message: `Key "${keyAt(doc, error.pos[0])}" is written twice in the same map: keep one`,
            cause: error,
          }
        : { ...position(error.pos[0]), rule: 'yaml/syntax', message: describeYamlError(error.code, error.message), cause: error },
    ),
    ...doc.warnings.map((warning) => ({
      ...position(warning.pos[0]),
      rule: warning.code === 'TAG_RESOLVE_FAILED' ? 'yaml/unknown-tag' : 'yaml/syntax',
      message: describeYamlError(warning.code, warning.message),
      cause: warning,
    })),
  ];
  visit(doc, {
    Pair(_, pair) {
      if (isMap(pair.key) || isSeq(pair.key)) {
        problems.push({ ...position(pair.key.range?.[0] ?? 0), rule: 'yaml/syntax', message: 'Invalid YAML: a key is a list or a map; keys are plain text' });
      }
      if (isScalar(pair.key) && pair.key.value === '__proto__') {
        problems.push({
          ...position(pair.key.range?.[0] ?? 0),
          rule: 'yaml/proto-key',
          message: 'Key "__proto__" is not allowed: it could change how every object behaves; rename or remove it',
        });
      }
    },
  });
  if (problems.length > 0) return { ok: false, problems: [firstOf(problems)] };

  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    let firstAlias = 0;
    visit(doc, {
      Alias(_, alias) {
        firstAlias = alias.range?.[0] ?? 0;
        return visit.BREAK;
      },
    });
    return {
      ok: false,
      problems: [
        {
          ...position(firstAlias),
          rule: 'yaml/alias-limit',
          message: `Aliases expand to too many nodes (an alias bomb?): at most ${MAX_ALIAS_COUNT} alias expansions are allowed; write the values out instead`,
          cause: error,
        },
      ],
    };
  }
  const emptyKeys = new Set<string>();
  return {
    ok: true,
    value: { data: dropEmpty(data, [], emptyKeys, undefined), emptyKeys, locate: (path, at = 'value') => locateIn(doc, path, at, position) },
  };
}

/** The text of the map key that starts at `offset`. */
function keyAt(doc: Document, offset: number): string {
  let key = '';
  visit(doc, {
    Pair(_, pair) {
      if (isScalar(pair.key) && pair.key.range?.[0] === offset) {
        key = String(pair.key.value);
        return visit.BREAK;
      }
    },
  });
  return key;
}

/** The first problem in the file, saying how many more there are: a file that does not parse gives one finding. */
function firstOf(problems: YamlProblem[]): YamlProblem {
  const first = problems.reduce((best, problem) => (problem.line < best.line || (problem.line === best.line && problem.column < best.column) ? problem : best));
  const more = problems.length - 1;
  return more === 0 ? first : { ...first, message: `${first.message} (and ${more} more YAML problem${more === 1 ? '' : 's'} after it)` };
}

function describeYamlError(code: string, message: string): string {
  const text = message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
  if (text.startsWith('Maximum call stack size exceeded')) return TOO_DEEP;
  if (code === 'TAG_RESOLVE_FAILED') return `${text}: tags other than YAML's core ones (!!str, !!int, …) are not allowed`;
  return `Invalid YAML: ${text}`;
}

/** What dropEmpty returns for data the fast path must not accept: an alias, a `__proto__` key or a map as a key. */
const REPARSE = Symbol('reparse');

/**
 * Drops map keys whose value is null, recursively (an empty key means "not set"), noting where they
 * were. Given `seen`, it returns REPARSE on a `__proto__` key, a map key or a list or map met twice (an alias).
 */
function dropEmpty(value: unknown, path: (string | number)[], emptyKeys: Set<string>, seen: Set<object> | undefined): unknown {
  if (typeof value === 'string') return ownCopy(value);
  if (value === null || typeof value !== 'object') return value;
  if (seen) {
    if (seen.has(value)) return REPARSE;
    seen.add(value);
  }
  if (Array.isArray(value)) {
    const result: unknown[] = [];
    for (let index = 0; index < value.length; index++) {
      path.push(index);
      const plain = dropEmpty(value[index], path, emptyKeys, seen);
      path.pop();
      if (plain === REPARSE) return REPARSE;
      result.push(plain);
    }
    return result;
  }
  const result: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    if (seen && (key === '__proto__' || key === '[object Object]')) return REPARSE;
    const item = (value as Record<string, unknown>)[key];
    path.push(key);
    if (item === null) {
      // The pointer is written only for a key left empty: most records have none.
      emptyKeys.add(toPointer(path));
    } else {
      const plain = dropEmpty(item, path, emptyKeys, seen);
      if (plain === REPARSE) return REPARSE;
      result[key] = plain;
    }
    path.pop();
  }
  return result;
}

/**
 * The string as its own copy. A parser's values are often slices of its input, which keep the
 * whole input alive for as long as any one value lives; copied, a record's data no longer holds
 * its file's text (docs/decisions.md, Performance). V8 slices strings of 13 or more characters.
 */
export function ownCopy(text: string): string {
  return text.length < 13 ? text : `${text} `.slice(0, -1);
}

/** Walks the document along `path` and returns the deepest key or value found on the way. */
function locateIn(doc: Document, path: YamlPath, at: 'key' | 'value', position: (offset: number) => Position): Position {
  let node: unknown = doc.contents;
  let found = start(node, position) ?? { line: 1, column: 1 };
  for (const [index, step] of path.entries()) {
    if (isAlias(node)) node = node.resolve(doc);
    const last = index === path.length - 1;
    if (isMap(node)) {
      const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === String(step));
      if (!pair) break;
      const valueStart = start(pair.value, position);
      const keyStart = start(pair.key, position) ?? found;
      found = (last && at === 'key') || !valueStart ? keyStart : valueStart;
      node = pair.value;
    } else if (isSeq(node) && typeof step === 'number') {
      const item = node.items[step];
      if (item === undefined) break;
      found = start(item, position) ?? found;
      node = item;
    } else {
      break;
    }
  }
  return found;
}

function start(node: unknown, position: (offset: number) => Position): Position | undefined {
  const range = (node as Node | null | undefined)?.range;
  return range ? position(range[0]) : undefined;
}
