import { toString } from 'mdast-util-to-string';
import { remark } from 'remark';
import { isComment } from '../gate/postmortem-readiness.js';
import type { ValidRecord } from '../records/record-set.js';
import type { Postmortem } from '../records/types.js';

/**
 * The Markdown of a postmortem's "## Summary" section, when the postmortem may be published: it is
 * `published` and `public: true` (docs/reference.md, Postmortem). Only that section leaves the repository;
 * HTML comments in it (template placeholders) are dropped. Undefined when there is nothing to show.
 */
export function publicSummary(postmortem: ValidRecord<Postmortem>): string | undefined {
  if (postmortem.data.status !== 'published' || postmortem.data.public !== true) return undefined;
  const nodes = remark().parse(postmortem.body).children;
  const start = nodes.findIndex((node) => node.type === 'heading' && node.depth === 2 && toString(node).trim().toLowerCase() === 'summary');
  if (start < 0) return undefined;
  const parts: string[] = [];
  for (const node of nodes.slice(start + 1)) {
    if (node.type === 'heading' && node.depth <= 2) break;
    if (isComment(node)) continue;
    parts.push(postmortem.body.slice(node.position!.start.offset, node.position!.end.offset));
  }
  const summary = parts.join('\n\n').trim();
  return summary === '' ? undefined : summary;
}
