import matter from 'gray-matter';
import type { Finding } from '../findings.js';
import { parseYaml, problemsToFindings, type Locate, type YamlProblem } from './parse-yaml.js';

/** The kinds of record files, told apart by where they live and how they are named. */
export type RecordKind = 'incident' | 'postmortem' | 'known_error';

/** A record file's frontmatter, parsed but not yet validated. */
export interface ParsedRecord {
  path: string;
  kind: RecordKind;
  /** The frontmatter as plain data (empty keys dropped); unknown until the schema has checked it. */
  data: unknown;
  /** JSON pointers of the keys left empty. */
  emptyKeys: ReadonlySet<string>;
  locate: Locate;
  /** The Markdown body after the frontmatter: internal notes, or a postmortem's sections. */
  body: string;
  /** The 1-based line the body starts on. */
  bodyLine: number;
}

const FILE_PATTERNS: readonly { kind: RecordKind; pattern: RegExp }[] = [
  { kind: 'postmortem', pattern: /^incidents\/INC-\d{4}-\d{4}\.postmortem\.md$/ },
  { kind: 'incident', pattern: /^incidents\/INC-\d{4}-\d{4}(?:-[a-z0-9][a-z0-9-]*)?\.md$/ },
  { kind: 'known_error', pattern: /^known-errors\/KE-\d{4}(?:-[a-z0-9][a-z0-9-]*)?\.md$/ },
];

/** Tells a record's kind from its path (relative to the root), or undefined when the name fits none. */
export function recordKindOf(path: string): RecordKind | undefined {
  return FILE_PATTERNS.find(({ pattern }) => pattern.test(path))?.kind;
}

/** What a record file may be named, for messages. */
export const RECORD_FILE_NAMES =
  'incidents/INC-YYYY-NNNN.md (optionally INC-YYYY-NNNN-some-slug.md), incidents/INC-YYYY-NNNN.postmortem.md or known-errors/KE-NNNN.md';

/** Splits a record file into YAML frontmatter and Markdown body and parses the frontmatter. */
export function parseRecord(path: string, kind: RecordKind, text: string): { ok: true; record: ParsedRecord } | { ok: false; findings: Finding[] } {
  const fail = (problems: YamlProblem[]) => ({ ok: false as const, findings: problemsToFindings(path, problems) });
  const opening = /^\uFEFF?(.*)(?:\r?\n|$)/.exec(text)?.[1] ?? '';
  if (opening.trimEnd() !== '---') {
    const found = opening.startsWith('---') ? `"${opening.trimEnd()}"` : 'no "---" line';
    return fail([{ line: 1, column: 1, rule: 'file/frontmatter', message: `Expected the file to start with a "---" line opening YAML frontmatter, found ${found}` }]);
  }
  if (!/\r?\n---/.test(text.slice(opening.length))) {
    return fail([{ line: 1, column: 1, rule: 'file/frontmatter', message: 'The frontmatter opened on line 1 is never closed: expected a "---" line after the last key' }]);
  }

  // gray-matter skips the engine when the frontmatter is blank: that is an empty map.
  let parsed = parseYaml('{}');
  // Passing options also keeps gray-matter from caching every file it has seen.
  const file = matter(text, {
    language: 'yaml',
    engines: {
      yaml: (frontmatter: string) => {
        // The frontmatter starts with the newline that ends the "---" line, so YAML line numbers are file line numbers.
        parsed = parseYaml(frontmatter.replace(/\r$/, '')); // with CRLF, the \r before the closing "---" is left over
        return {};
      },
    },
  });
  if (!parsed.ok) return fail(parsed.problems);
  const body = file.content;
  const bodyLine = countLines(text.slice(0, text.length - body.length)) + 1;
  return { ok: true, record: { path, kind, ...parsed.value, body, bodyLine } };
}

function countLines(text: string): number {
  let count = 0;
  for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) count++;
  return count;
}
