import type { Finding } from '../findings.js';
import { splitFrontmatter } from './frontmatter.js';
import { parseYaml, problemsToFindings, type Locate } from './parse-yaml.js';

/** A record file's frontmatter, parsed but not yet validated. */
export interface ParsedRecord {
  path: string;
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

/** Splits a record file into YAML frontmatter and Markdown body and parses the frontmatter. */
export function parseRecord(path: string, text: string): { ok: true; record: ParsedRecord } | { ok: false; findings: Finding[] } {
  const split = splitFrontmatter(text);
  if (!split.ok) return { ok: false, findings: problemsToFindings(path, [split.problem]) };
  // A blank frontmatter is an empty map.
  const parsed = parseYaml(split.split.blank ? '{}' : split.split.yaml);
  if (!parsed.ok) return { ok: false, findings: problemsToFindings(path, parsed.problems) };
  return { ok: true, record: { path, ...parsed.value, body: split.split.body, bodyLine: split.split.bodyLine } };
}
