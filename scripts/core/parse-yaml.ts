import { LineCounter, isAlias, isMap, isScalar, isSeq, parseDocument, visit, type Document, type Node } from 'yaml';
import type { Finding, Position } from './findings.js';

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
  return problems.map((problem) => ({ path, severity: 'error', ...problem }));
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
 */
export function parseYaml(text: string): { ok: true; value: ParsedYaml } | { ok: false; problems: YamlProblem[] } {
  try {
    return parseYamlUnguarded(text);
  } catch (error) {
    // The parser recurses: nesting thousands of levels deep overflows the stack.
    const message = error instanceof RangeError ? TOO_DEEP : `Invalid YAML: ${error instanceof Error ? error.message : String(error)}`;
    return { ok: false, problems: [{ line: 1, column: 1, rule: 'yaml/syntax', message, cause: error }] };
  }
}

function parseYamlUnguarded(text: string): ReturnType<typeof parseYaml> {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, version: '1.2', schema: 'core', uniqueKeys: true, prettyErrors: false });
  const position = (offset: number): Position => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };

  const problems: YamlProblem[] = [
    ...doc.errors.map((error) =>
      error.code === 'DUPLICATE_KEY'
        ? { ...position(error.pos[0]), rule: 'yaml/duplicate-key', message: `Key "${keyAt(doc, error.pos[0])}" is written twice in the same map: keep one`, cause: error }
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
    value: { data: dropEmpty(data, '', emptyKeys), emptyKeys, locate: (path, at = 'value') => locateIn(doc, path, at, position) },
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

/** Drops map keys whose value is null, recursively (an empty key means "not set"), noting where they were. */
function dropEmpty(value: unknown, pointer: string, emptyKeys: Set<string>): unknown {
  if (Array.isArray(value)) return value.map((item, index) => dropEmpty(item, `${pointer}/${index}`, emptyKeys));
  if (value === null || typeof value !== 'object') return value;
  const result: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    const itemPointer = pointer + toPointer([key]);
    if (item === null) emptyKeys.add(itemPointer);
    else result[key] = dropEmpty(item, itemPointer, emptyKeys);
  }
  return result;
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
