import type { Finding } from '../findings.js';
import { splitFrontmatter, type FrontmatterSplit } from './frontmatter.js';
import { locateLazily, ownCopy, parseYaml, problemsToFindings, type Locate } from './parse-yaml.js';

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

/**
 * Splits a record file into YAML frontmatter and Markdown body and parses the frontmatter. Given
 * `reread`, the record holds no reference to `text`: its positions come from the text read again.
 */
export function parseRecord(
  path: string,
  text: string,
  reread?: () => string | undefined,
): { ok: true; record: ParsedRecord } | { ok: false; findings: Finding[] } {
  const split = splitFrontmatter(text);
  if (!split.ok) return { ok: false, findings: problemsToFindings(path, [split.problem]) };
  const parsed = parseYaml(yamlOf(split.split), reread && (() => yamlAgain(reread)));
  if (!parsed.ok) return { ok: false, findings: problemsToFindings(path, parsed.problems) };
  return { ok: true, record: { path, ...parsed.value, body: reread ? ownCopy(split.split.body) : split.split.body, bodyLine: split.split.bodyLine } };
}

/** The YAML to parse: a blank frontmatter is an empty map. */
function yamlOf(split: FrontmatterSplit): string {
  return split.blank ? '{}' : split.yaml;
}

function yamlAgain(reread: () => string | undefined): string {
  const text = reread();
  const split = text === undefined ? undefined : splitFrontmatter(text);
  return split?.ok ? yamlOf(split.split) : '{}';
}

/** Where a record's keys are, from its file read again: for a record checked in another thread, whose own `locate` stayed there. */
export function locateByRereading(reread: () => string | undefined): Locate {
  return locateLazily(() => yamlAgain(reread));
}
