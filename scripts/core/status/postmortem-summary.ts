import { toString } from 'mdast-util-to-string';
import { remark } from 'remark';
import { isComment } from '../gate/postmortem-readiness.js';
import { BODY_BOUNDS, checkMarkdownBounds } from '../markdown-bounds.js';
import type { RootContent } from 'mdast';
import type { ValidRecord } from '../records/record-set.js';
import type { Postmortem } from '../records/types.js';

/**
 * The Markdown of a postmortem's "## Summary" section, when the postmortem may be published: it is
 * `published` and `public: true` (docs/reference.md, Postmortem). Only that section leaves the repository;
 * HTML comments in it (template placeholders) are dropped. Undefined when there is nothing to show.
 */
export function publicSummary(postmortem: ValidRecord<Postmortem>): string | undefined {
  if (postmortem.data.status !== 'published' || postmortem.data.public !== true) return undefined;
  return summarySection(postmortem.body)?.text;
}

/**
 * A postmortem body's "## Summary" section without its HTML comments, and the 1-based line of the
 * body it starts on; undefined when there is none or it is empty, or when the body is beyond
 * BODY_BOUNDS (record/markdown-bounds refuses such a body, so it is never parsed).
 */
export function summarySection(body: string): { text: string; line: number } | undefined {
  if (checkMarkdownBounds(body, BODY_BOUNDS)) return undefined;
  const nodes = throughNextSection(body) ?? remark().parse(body).children;
  const start = nodes.findIndex(isSummaryHeading);
  if (start < 0) return undefined;
  const parts: string[] = [];
  let line: number | undefined;
  for (const node of nodes.slice(start + 1)) {
    if (node.type === 'heading' && node.depth <= 2) break;
    if (isComment(node)) continue;
    line ??= node.position!.start.line;
    parts.push(body.slice(node.position!.start.offset, node.position!.end.offset));
  }
  const text = parts.join('\n\n').trim();
  return text === '' || line === undefined ? undefined : { text, line };
}

function isSummaryHeading(node: RootContent): boolean {
  return node.type === 'heading' && node.depth === 2 && toString(node).trim().toLowerCase() === 'summary';
}

/**
 * The body's top-level nodes up to the heading that ends its Summary section, parsing only that
 * far; undefined when that cannot be told without parsing the whole body. A Summary usually comes
 * first, and a build reads the Summary of every published postmortem: parsing the rest, to throw
 * it away, was most of the time and memory the status model took.
 *
 * Markdown's blocks are read line by line, and a heading at the top level closes every block
 * before it, so what lies after such a heading cannot change the blocks before it. Only a link
 * reference definition (`[label]: url`) after it could still change a heading's text, so a body
 * with `]:` after the cut is parsed whole. The cut is taken at the first `#` or `##` heading line
 * after the first line that says "summary", and kept only when the parse agrees that line is a
 * top-level heading that ends a Summary section found above it.
 */
function throughNextSection(body: string): RootContent[] | undefined {
  const summary = body.search(/summary/i);
  if (summary < 0) return undefined;
  NEXT_SECTION.lastIndex = summary;
  const next = NEXT_SECTION.exec(body)?.index;
  if (next === undefined) return undefined;
  const end = body.slice(next).search(/[\r\n]/);
  if (end < 0 || body.includes(']:', next)) return undefined;
  const nodes = remark().parse(body.slice(0, next + end)).children;
  const last = nodes.at(-1);
  const start = nodes.findIndex(isSummaryHeading);
  const ends = last?.type === 'heading' && last.depth <= 2 && last.position!.start.offset === next;
  return ends && start >= 0 && start < nodes.length - 1 ? nodes : undefined;
}

/** A line that may be a `#` or `##` heading, after some position (the `m` flag: `^` is a line's start). */
const NEXT_SECTION = /^#{1,2}(?=[ \t\r\n]|$)/gm;
