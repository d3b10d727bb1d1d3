import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { parseRecord } from '../scripts/core/records/parse-record.js';
import { findPostmortemGaps } from '../scripts/core/gate/postmortem-readiness.js';
import type { ValidRecord } from '../scripts/core/records/record-set.js';
import type { Postmortem } from '../scripts/core/records/types.js';

const FRONTMATTER = '---\nincident: INC-2026-0001\nstatus: published\npublic: false\nauthors: ["@alice"]\n---\n';
const SECTIONS = ['Summary', 'Impact', 'Timeline', 'Root cause', 'Resolution', 'Lessons learned'];
const complete = SECTIONS.map((title) => `## ${title}\n\nSomething about ${title.toLowerCase()}.\n`).join('\n');

function gapsOf(body: string, frontmatter = FRONTMATTER) {
  const parsed = parseRecord('incidents/INC-2026-0001.postmortem.md', `${frontmatter}${body}`);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.findings));
  return findPostmortemGaps(parsed.record as ValidRecord<Postmortem>).map((gap) => `${'line' in gap ? gap.line : gap.key.join('.')}: ${gap.message}`);
}

const CASES: { name: string; body: string; frontmatter?: string; gaps: string[] }[] = [
  { name: 'every section written', body: complete, gaps: [] },
  { name: 'an extra section is fine', body: `${complete}\n## Appendix\n\nGraphs.\n`, gaps: [] },
  { name: 'headings compare case-insensitively', body: complete.replace('## Root cause', '## Root Cause'), gaps: [] },
  {
    name: 'a missing section is reported after the one before it',
    body: complete.replace('## Impact\n\nSomething about impact.\n\n', ''),
    gaps: [
      '7: The postmortem has no "## Impact" section after "Summary": expected the sections Summary, Impact, Timeline, Root cause, Resolution, Lessons learned',
    ],
  },
  {
    name: 'a section with only a template comment is empty',
    body: complete.replace('Something about timeline.', '<!-- What happened, minute by minute -->'),
    gaps: ['15: "## Timeline" is empty: write what happened under it'],
  },
  {
    name: 'a heading inside a code block is not a section',
    body: complete.replace('## Lessons learned\n\nSomething about lessons learned.\n', '```\n## Lessons learned\n```\n'),
    gaps: [
      '23: The postmortem has no "## Lessons learned" section after "Resolution": expected the sections Summary, Impact, Timeline, Root cause, Resolution, Lessons learned',
    ],
  },
  {
    name: 'sections out of order',
    body: complete.replace('## Summary\n\nSomething about summary.\n\n', '') + '\n## Summary\n\nLate.\n',
    gaps: ['7: "## Impact" is above "## Summary": expected the sections in the order Summary, Impact, Timeline, Root cause, Resolution, Lessons learned'],
  },
  {
    name: 'a draft, and an action item with no owner or due date',
    frontmatter: FRONTMATTER.replace('status: published', 'status: in_review').replace(
      'authors: ["@alice"]',
      'authors: ["@alice"]\naction_items:\n  - {title: Add an alert, type: detect, priority: high, issue: "https://example.com/1", status: open}',
    ),
    body: complete,
    gaps: [
      'status: The postmortem is in_review: it must be published',
      'action_items.0: Action item 1 ("Add an alert") has no owner, due date: every action item is owned, typed, prioritized, dated and linked to an issue',
    ],
  },
];

const readiness = suite('postmortem readiness');
for (const { name, body, frontmatter, gaps } of CASES) {
  readiness(name, () => {
    assert.equal(gapsOf(body, frontmatter), gaps);
  });
}
readiness.run();
