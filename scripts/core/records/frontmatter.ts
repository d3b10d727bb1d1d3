import matter from 'gray-matter';
import type { YamlProblem } from './parse-yaml.js';

/** A record file cut into its YAML frontmatter and its Markdown body. */
export interface FrontmatterSplit {
  /**
   * The YAML between the `---` lines, without the line break before the closing one. It starts
   * with the line break that ends the opening `---`, so its line numbers are the file's.
   */
  yaml: string;
  /** Where `yaml` starts in the file's text, for edits made at positions in it. */
  yamlOffset: number;
  /** Where the closing `---` line starts: the file's text from yamlOffset to here is the YAML with its last line break. */
  closingOffset: number;
  /** True when the frontmatter holds nothing but blank lines and comments: an empty map. */
  blank: boolean;
  /** The Markdown after the closing `---` line. */
  body: string;
  /** The 1-based line the body starts on. */
  bodyLine: number;
  /** The first line's ending, for lines an edit adds. */
  eol: '\n' | '\r\n' | '\r';
}

/**
 * The one frontmatter splitter, used to read records and to edit them. The file must open with a
 * line that is exactly `---` (after an optional byte order mark) and close the frontmatter with a
 * later line starting `---`; gray-matter finds the parts. A file that does not gets a problem at
 * line 1 saying what was expected. A carriage return alone ends a line, as YAML says, wherever it is.
 */
export function splitFrontmatter(original: string): { ok: true; split: FrontmatterSplit } | { ok: false; problem: YamlProblem } {
  const eol = /\r\n|\r|\n/.exec(original)?.[0] ?? '\n';
  // The same length, so every offset into it is one into the file.
  const text = withLineFeeds(original);
  const bom = text.startsWith('\uFEFF') ? 1 : 0;
  const firstLine = /^[^\r\n\u2028\u2029]*/.exec(text.slice(bom))![0];
  const opening = firstLine.trimEnd();
  if (opening !== '---') {
    const found = opening.startsWith('---') ? `"${opening.length > 40 ? `${opening.slice(0, 40)}…` : opening}"` : 'no "---" line';
    return problem(`Expected the file to start with a "---" line opening YAML frontmatter, found ${found}`);
  }
  if (!text.slice(bom + firstLine.length).includes('\n---')) {
    return problem('The frontmatter opened on line 1 is never closed: expected a "---" line after the last key');
  }
  // gray-matter reads the parts; the engine only stops it parsing the YAML itself, and passing
  // options keeps it from caching every file it has seen.
  const file = matter(text, { language: 'yaml', engines: { yaml: () => ({}) } });
  const { matter: raw = '', isEmpty = false } = file as { matter?: string; isEmpty?: boolean };
  const body = original.slice(original.length - file.content.length);
  return {
    ok: true,
    split: {
      yaml: raw.endsWith('\r') ? raw.slice(0, -1) : raw,
      yamlOffset: bom + 3,
      closingOffset: bom + 3 + raw.length + 1,
      blank: isEmpty,
      body,
      bodyLine: countLines(text.slice(0, text.length - body.length)) + 1,
      eol: eol as FrontmatterSplit['eol'],
    },
  };
}

/**
 * The text with each carriage return that ends a line alone made a line feed: the same length and
 * offsets, read by every parser alike (YAML counts a lone CR as a line break, but not every parser does).
 */
export function withLineFeeds(text: string): string {
  return text.includes('\r') ? text.replace(/\r(?!\n)/g, '\n') : text;
}

function problem(message: string): { ok: false; problem: YamlProblem } {
  return { ok: false, problem: { line: 1, column: 1, rule: 'file/frontmatter', message } };
}

function countLines(text: string): number {
  let count = 0;
  for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) count++;
  return count;
}
