import type { Heading, RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { remark } from 'remark';
import { BODY_BOUNDS, checkMarkdownBounds, describeExcess } from '../markdown-bounds.js';
import type { YamlPath } from '../records/parse-yaml.js';
import type { ValidRecord } from '../records/record-set.js';
import type { Postmortem } from '../records/types.js';

/** The H2 sections of a postmortem body, in order (docs/reference.md, Postmortem). */
export const POSTMORTEM_SECTIONS = ['Summary', 'Impact', 'Timeline', 'Root cause', 'Resolution', 'Lessons learned'] as const;

/** What each action item needs before its incident may close, and what to call it in a message. */
const ACTION_ITEM_NEEDS = [
  ['owner', 'owner'],
  ['type', 'type'],
  ['priority', 'priority'],
  ['due', 'due date'],
  ['issue', 'issue link'],
] as const;

/** Something a postmortem still lacks, at a frontmatter key (`key`) or a body line (`line`). */
export type PostmortemGap = { message: string } & ({ key: YamlPath } | { line: number; column: number });

/**
 * What a postmortem lacks before its incident may close: it is published; every section is there,
 * in order, with something in it (read from the Markdown syntax tree, so a `## Impact` inside a
 * code block is not a section); every action item is owned, typed, prioritized, dated and linked.
 */
export function findPostmortemGaps(postmortem: ValidRecord<Postmortem>): PostmortemGap[] {
  const gaps: PostmortemGap[] = [];
  if (postmortem.data.status !== 'published') {
    gaps.push({ key: ['status'], message: `The postmortem is ${postmortem.data.status}: it must be published` });
  }
  gaps.push(...findSectionGaps(postmortem.body, postmortem.bodyLine));
  (postmortem.data.action_items ?? []).forEach((item, index) => {
    const missing = ACTION_ITEM_NEEDS.filter(([key]) => item[key] === undefined).map(([, name]) => name);
    if (missing.length > 0) {
      gaps.push({
        key: ['action_items', index],
        message: `Action item ${index + 1} ("${item.title}") has no ${missing.join(', ')}: every action item is owned, typed, prioritized, dated and linked to an issue`,
      });
    }
  });
  return gaps;
}

interface Section {
  title: string;
  line: number;
  column: number;
  filled: boolean;
}

function findSectionGaps(body: string, bodyLine: number): PostmortemGap[] {
  // Never parse a body that could overflow the parser's stack or take minutes (record/markdown-bounds).
  const excess = checkMarkdownBounds(body, BODY_BOUNDS);
  if (excess)
    return [{ line: bodyLine + excess.line - 1, column: 1, message: `The body ${describeExcess(excess, { line: false })}, so its sections cannot be read` }];
  const sections = readSections(body, bodyLine);
  const byTitle = new Map(sections.map((section) => [section.title.toLowerCase(), section]));
  const gaps: PostmortemGap[] = [];
  let previous: Section | undefined;
  for (const title of POSTMORTEM_SECTIONS) {
    const section = byTitle.get(title.toLowerCase());
    if (!section) {
      const at = previous ?? { line: bodyLine, column: 1 };
      gaps.push({
        line: at.line,
        column: at.column,
        message: `The postmortem has no "## ${title}" section${previous ? ` after "${previous.title}"` : ''}: expected the sections ${POSTMORTEM_SECTIONS.join(', ')}`,
      });
      continue;
    }
    if (previous && section.line < previous.line) {
      gaps.push({
        line: section.line,
        column: section.column,
        message: `"## ${section.title}" is above "## ${previous.title}": expected the sections in the order ${POSTMORTEM_SECTIONS.join(', ')}`,
      });
    }
    if (!section.filled) gaps.push({ line: section.line, column: section.column, message: `"## ${section.title}" is empty: write what happened under it` });
    previous = section;
  }
  return gaps;
}

/** The body's H2 sections, with their lines in the file, and whether anything but comments follows each. */
function readSections(body: string, bodyLine: number): Section[] {
  const sections: Section[] = [];
  for (const node of remark().parse(body).children) {
    if (isSectionHeading(node)) {
      const start = node.position?.start ?? { line: 1, column: 1 };
      sections.push({ title: toString(node).trim(), line: bodyLine + start.line - 1, column: start.column, filled: false });
    } else if (sections.length > 0 && !isComment(node)) {
      sections[sections.length - 1]!.filled = true;
    }
  }
  return sections;
}

function isSectionHeading(node: RootContent): node is Heading {
  return node.type === 'heading' && node.depth === 2;
}

/** An HTML comment, such as a template's `<!-- what happened -->` placeholder. */
export function isComment(node: RootContent): boolean {
  return node.type === 'html' && /^<!--[\s\S]*-->$/.test(node.value.trim());
}
