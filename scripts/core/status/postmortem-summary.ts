import { toString } from 'mdast-util-to-string';
import { remark } from 'remark';
import { isComment } from '../gate/postmortem-readiness.js';
import { BODY_BOUNDS, checkMarkdownBounds } from '../markdown-bounds.js';
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
  const nodes = remark().parse(body).children;
  const start = nodes.findIndex((node) => node.type === 'heading' && node.depth === 2 && toString(node).trim().toLowerCase() === 'summary');
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
