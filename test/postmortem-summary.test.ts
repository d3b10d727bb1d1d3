import fc from 'fast-check';
import { toString } from 'mdast-util-to-string';
import { remark } from 'remark';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { isComment } from '../scripts/core/gate/postmortem-readiness.js';
import { summarySection } from '../scripts/core/status/postmortem-summary.js';

const test = suite('postmortem summary');

/** The Summary section as read from the whole body parsed at once: what summarySection must always give. */
function wholeBodySummary(body: string): { text: string; line: number } | undefined {
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

/** Bodies where what follows the Summary's end could matter, each with the section expected. */
const CASES: { name: string; body: string; expected: { text: string; line: number } | undefined }[] = [
  { name: 'first section', body: '## Summary\n\nIt broke.\n\n## Impact\n\nA lot.\n', expected: { text: 'It broke.', line: 3 } },
  { name: 'CRLF line endings', body: '## Summary\r\n\r\nIt broke.\r\n\r\n## Impact\r\n', expected: { text: 'It broke.', line: 3 } },
  { name: 'CR line endings', body: '## Summary\r\rIt broke.\r\r## Impact\rA lot.', expected: { text: 'It broke.', line: 3 } },
  { name: 'the last section', body: '# Title\n\n## Summary\n\nIt broke.\nTwice.', expected: { text: 'It broke.\nTwice.', line: 5 } },
  { name: 'a level-3 heading inside', body: '## Summary\n\nOne.\n\n### Detail\n\nTwo.\n\n# Next\n', expected: { text: 'One.\n\n### Detail\n\nTwo.', line: 3 } },
  { name: 'comments left out', body: '## Summary\n\n<!-- fill in -->\n\nIt broke.\n\n## Impact\n', expected: { text: 'It broke.', line: 5 } },
  { name: 'only a comment', body: '## Summary\n\n<!-- fill in -->\n\n## Impact\n\nA lot.\n', expected: undefined },
  {
    name: 'a heading inside a code fence',
    body: '## Summary\n\n```\n## not a heading\n```\n\nAfter.\n\n## Impact\n',
    expected: { text: '```\n## not a heading\n```\n\nAfter.', line: 3 },
  },
  { name: 'a fence that never closes', body: '## Summary\n\n```\n## in code\n\nstill code\n', expected: { text: '```\n## in code\n\nstill code', line: 3 } },
  {
    name: 'a heading inside an HTML block',
    body: '## Summary\n\n<div>\n## in html\n</div>\n\n## Impact\n',
    expected: { text: '<div>\n## in html\n</div>', line: 3 },
  },
  { name: 'a heading inside a comment', body: '## Summary\n\nText.\n\n<!--\n## hidden\n-->\n\n## Impact\n', expected: { text: 'Text.', line: 3 } },
  { name: 'a heading after a list', body: '## Summary\n\n- one\n- two\n## Impact\n', expected: { text: '- one\n- two', line: 3 } },
  { name: 'a heading after a quote', body: '## Summary\n\n> quoted\n## Impact\n', expected: { text: '> quoted', line: 3 } },
  { name: 'a setext Summary', body: 'Summary\n-------\n\nIt broke.\n\n## Impact\n', expected: { text: 'It broke.', line: 4 } },
  { name: 'a setext heading ends it', body: '## Summary\n\nIt broke.\n\nImpact\n======\n\nA lot.\n', expected: { text: 'It broke.', line: 3 } },
  { name: '"summary" in the text above it', body: 'In summary:\n\n## Summary\n\nIt broke.\n\n## Impact\n', expected: { text: 'It broke.', line: 5 } },
  { name: 'no Summary heading', body: 'A summary in words.\n\n## Impact\n\nA lot.\n', expected: undefined },
  { name: 'a level-1 Summary does not count', body: '# Summary\n\nIt broke.\n\n## Impact\n', expected: undefined },
  {
    name: 'a Summary heading that is a reference link defined further down',
    body: '## [Summary]\n\nIt broke.\n\n## Impact\n\n[summary]: https://example.com\n',
    expected: { text: 'It broke.', line: 3 },
  },
  {
    name: 'a heading made a Summary by a definition further down, above a setext Summary',
    body: '## [Summary]\n\nFirst.\n\nSummary\n-------\n\nSecond.\n\n## Impact\n\n[summary]: https://example.com\n',
    expected: { text: 'First.', line: 3 },
  },
  {
    name: 'an unused definition further down',
    body: '## Summary\n\nIt broke.\n\n## Impact\n\n[x]: https://example.com\n',
    expected: { text: 'It broke.', line: 3 },
  },
  { name: 'an indented heading line', body: '## Summary\n\nIt broke.\n   ## Impact\n\nA lot.\n', expected: { text: 'It broke.', line: 3 } },
  { name: 'an indented code line', body: '## Summary\n\nIt broke.\n\n    ## code\n\n## Impact\n', expected: { text: 'It broke.\n\n    ## code', line: 3 } },
  { name: '#hashtag is no heading', body: '## Summary\n\nIt broke.\n#hashtag\n\n## Impact\n', expected: { text: 'It broke.\n#hashtag', line: 3 } },
  { name: 'an empty heading ends it', body: '## Summary\n\nIt broke.\n\n##\n\nAfter.\n', expected: { text: 'It broke.', line: 3 } },
  {
    name: 'a paragraph line separator',
    body: '## Summary\n\nIt broke.\u2028## Impact\n\nA lot.\n',
    expected: { text: 'It broke.\u2028## Impact\n\nA lot.', line: 3 },
  },
];

for (const { name, body, expected } of CASES) {
  test(`the Summary section: ${name}`, () => {
    assert.equal(summarySection(body), expected);
    assert.equal(wholeBodySummary(body), expected, 'the whole body, parsed at once, gives the same');
  });
}

test('the Summary section is the one the whole body gives, whatever the lines around it', () => {
  const line = fc.constantFrom(
    '## Summary',
    '## summary ##',
    '## [Summary]',
    'Summary',
    '-------',
    '=====',
    '# Title',
    '## Impact',
    '##',
    '### Detail',
    'Some text, in summary.',
    '',
    '```',
    '~~~',
    '<div>',
    '</div>',
    '<!--',
    '-->',
    '<!-- a comment -->',
    '> ## quoted',
    '- ## item',
    '    ## code',
    '[summary]: https://example.com',
    '[x]:',
    '  https://example.com',
  );
  const ending = fc.constantFrom('\n', '\r\n', '\r');
  fc.assert(
    fc.property(fc.array(line, { maxLength: 14 }), ending, (lines, newline) => {
      const body = lines.join(newline);
      assert.equal(summarySection(body), wholeBodySummary(body), JSON.stringify(body));
    }),
    { numRuns: 3000 },
  );
});

test.run();
