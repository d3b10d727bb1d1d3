import fc from 'fast-check';
import type { Nodes } from 'mdast';
import { remark } from 'remark';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { BODY_BOUNDS, checkMarkdownBounds, TEXT_BOUNDS, type MarkdownExcess } from '../scripts/core/markdown-bounds.js';
import { renderMarkdown, renderMarkdownText } from '../scripts/render/markdown.js';

const lines = (count: number, line: (index: number) => string) => Array.from({ length: count }, (_, index) => line(index)).join('\n');

/** Each way to nest, just beyond the bounds (and the 20,000 levels), and where it is found. */
const BEYOND: { name: string; text: string; expected: Pick<MarkdownExcess, 'bound' | 'line'> }[] = [
  { name: '20,000 block quotes (the issue)', text: `${'> '.repeat(20_000)}word`, expected: { bound: 'characters', line: 1 } },
  { name: '17 block quotes', text: `${'> '.repeat(17)}word`, expected: { bound: 'depth', line: 1 } },
  { name: '17 `>` without spaces', text: `${'>'.repeat(17)} word`, expected: { bound: 'depth', line: 1 } },
  { name: '17 list items on one line', text: `${'- '.repeat(17)}word`, expected: { bound: 'depth', line: 1 } },
  { name: '17 ordered list items', text: `${'1. '.repeat(17)}word`, expected: { bound: 'depth', line: 1 } },
  { name: '17 `*` and `+` items', text: `${'* + '.repeat(9)}word`, expected: { bound: 'depth', line: 1 } },
  { name: 'list items nested by indentation', text: lines(17, (index) => `${'  '.repeat(index)}- item`), expected: { bound: 'depth', line: 17 } },
  { name: 'nesting by tabs', text: lines(17, (index) => `${'\t'.repeat(index)}- item`), expected: { bound: 'depth', line: 17 } },
  {
    name: 'lists kept open by lazy lines',
    text: lines(34, (index) => (index % 2 ? 'lazy' : `${'  '.repeat(index / 2)}- item`)),
    expected: { bound: 'depth', line: 33 },
  },
  { name: 'quotes and lists alternating', text: `${'> - '.repeat(9)}word`, expected: { bound: 'depth', line: 1 } },
  { name: 'a heading in lists in quotes', text: `${'> 1. '.repeat(9)}# heading`, expected: { bound: 'depth', line: 1 } },
  { name: 'a blank line in 17 quotes', text: `text\n${'>'.repeat(17)}\n`, expected: { bound: 'depth', line: 2 } },
  { name: 'nested emphasis', text: `${'*a '.repeat(17)}word${' a*'.repeat(17)}`, expected: { bound: 'depth', line: 1 } },
  { name: 'nested emphasis over lines', text: `${'_a\n'.repeat(17)}word${' a_'.repeat(17)}`, expected: { bound: 'depth', line: 17 } },
  { name: 'one run of 40 `*`', text: `${'*'.repeat(40)}word${'*'.repeat(40)}`, expected: { bound: 'depth', line: 1 } },
  { name: 'images in images', text: `${'!['.repeat(17)}x${'](u)'.repeat(17)}`, expected: { bound: 'depth', line: 1 } },
  { name: 'strong emphasis in images', text: `${'!['.repeat(9)}${'**'.repeat(8)}x${'**'.repeat(8)}${'](u)'.repeat(9)}`, expected: { bound: 'depth', line: 1 } },
  { name: 'emphasis in nested lists', text: `${'- '.repeat(10)}${'**'.repeat(8)}x${'**'.repeat(8)}`, expected: { bound: 'depth', line: 1 } },
  { name: '10,001 characters', text: 'x'.repeat(10_001), expected: { bound: 'characters', line: 1 } },
  { name: '201 lines', text: lines(201, () => 'a line'), expected: { bound: 'lines', line: 201 } },
  { name: '201 lines ending in CR', text: lines(201, () => 'a line').replace(/\n/g, '\r'), expected: { bound: 'lines', line: 201 } },
];

/** Markdown as people write it: within the bounds, however much markup it has. */
const WITHIN = [
  'Resolved.',
  'We are *investigating* **elevated** errors on [the API](https://example.com) and `GET /v1`.',
  '> - a list in a quote\n>   - **nested *emphasis* with [a link](https://example.com)**\n\n1. one\n2. two',
  lines(6, (index) => `${'  '.repeat(index)}- level ${index + 1}`),
  '* * *\n\n- - -\n\n___',
  `${'- - - - - - - - - - - - - - - - - - - -'}`,
  'snake_case_names_in_a_row_with_many_parts_that_never_open_emphasis_because_they_are_inside_a_word_a_b_c_d_e_f_g_h_i_j_k',
  `${'**bold** and '.repeat(50)}the end.`,
  `${'*a '.repeat(100)} (a hundred stars that never close)`,
  '```\n' + lines(30, (index) => `${'  '.repeat(index)}[[[[ code ]]]]`) + '\n```',
  'x'.repeat(10_000),
  lines(200, () => '- an item'),
];

const bounds = suite('core/markdown-bounds: every way to nest is found, at its line, without parsing');

for (const { name, text, expected } of BEYOND) {
  bounds(`beyond: ${name}`, () => {
    const excess = checkMarkdownBounds(text, TEXT_BOUNDS);
    assert.ok(excess, 'within the bounds');
    assert.equal({ bound: excess.bound, line: excess.line }, expected);
  });
}

for (const text of WITHIN) {
  bounds(`within: ${JSON.stringify(text.slice(0, 60))}`, () => assert.is(checkMarkdownBounds(text, TEXT_BOUNDS), undefined));
}

bounds('a postmortem body may be longer than a message, within the same depth', () => {
  const body = lines(900, (index) => `${index}.`);
  assert.is(checkMarkdownBounds(body, BODY_BOUNDS), undefined);
  assert.is(checkMarkdownBounds(body, TEXT_BOUNDS)?.bound, 'lines');
  assert.is(checkMarkdownBounds(`${'> '.repeat(17)}x`, BODY_BOUNDS)?.bound, 'depth');
});

/** The levels the parser builds: what recurses when it is turned into HTML. */
const LEVELS = new Set(['blockquote', 'listItem', 'emphasis', 'strong', 'link', 'linkReference', 'image', 'imageReference']);
function levels(node: Nodes): number {
  const below = 'children' in node ? Math.max(0, ...node.children.map(levels)) : 0;
  return below + (LEVELS.has(node.type) ? 1 : 0);
}

bounds('the depth counted is never less than the parser builds, but for one level in link text (fast-check against remark)', () => {
  const atoms = [
    '> ',
    '>',
    '- ',
    '* ',
    '+ ',
    '1. ',
    '2) ',
    '  ',
    '    ',
    '\t',
    '\n',
    '\n\n',
    '*',
    '**',
    '***',
    '_',
    '__',
    'a',
    'b ',
    ' ',
    '[',
    ']',
    '](u)',
    '![',
    '\\',
    '`',
    '.',
    '#',
  ];
  const text = fc.array(fc.constantFrom(...atoms), { maxLength: 80 }).map((parts) => parts.join(''));
  fc.assert(
    fc.property(text, (markdown) => {
      const built = levels(remark().parse(markdown));
      const counted = checkMarkdownBounds(markdown, { depth: Math.max(0, built - 2), characters: Infinity, lines: Infinity });
      assert.ok(built <= 1 || counted?.bound === 'depth', `${JSON.stringify(markdown)} builds ${built} levels`);
    }),
    { numRuns: 3000, seed: 17 },
  );
});

const guard = suite('render/markdown: text beyond the bounds is shown, never parsed, never thrown');

for (const { name, text } of BEYOND) {
  guard(`escaped text: ${name}`, () => {
    const html = renderMarkdown(text).value;
    assert.ok(html.startsWith('<p>') && !html.includes('<blockquote>') && !html.includes('<li>') && !html.includes('<em>'), html.slice(0, 80));
    assert.is(renderMarkdownText(text), text);
  });
}

guard('the issue case: 20,000 nested quotes render at once as their own text', () => {
  const html = renderMarkdown(`${'> '.repeat(20_000)}word`).value;
  assert.ok(html.startsWith('<p>&gt; &gt; ') && html.endsWith('word</p>'));
});

const text = suite('render/markdown: plain text from the sanitized tree, for the API and the calendar');

/** What renders to nothing on a page is in no plain text either; what shows is kept. */
const PLAIN: [string, string][] = [
  ['We fixed it.<!-- hidden -->', 'We fixed it.'],
  ['<!--\nhidden\n-->\n\nShown.', 'Shown.'],
  ['See [the fix][f].\n\n[f]: https://example.com/fix "title"\n[unused]: https://example.com/hidden', 'See the fix (https://example.com/fix).'],
  ['<div>hidden block</div>\n\nShown.', 'Shown.'],
  ['<script>alert(1)</script>\n\nShown.', 'Shown.'],
  ['Shown <span data-x="hidden">text</span><img src=x onerror=alert(1)>.', 'Shown text.'],
  ['<details><summary>hidden</summary>hidden</details>', ''],
  ['[a link](javascript:alert(1)) and [another](https://example.com)', 'a link and another (https://example.com)'],
  ['<https://example.com> and ![the chart](https://example.com/c.png)', 'https://example.com and the chart'],
  ['- one\n- two\n\n3. three\n4. four', '- one\n- two\n\n3. three\n4. four'],
  ['# Heading\n\n> quoted *text* with `code` &amp; &lt;tags&gt;', 'Heading\n\nquoted text with code & <tags>'],
  ['line one  \nline two\nsame line', 'line one\nline two same line'],
  ['```\nkeep  spacing\n```', 'keep  spacing'],
];

for (const [markdown, expected] of PLAIN) {
  text(JSON.stringify(markdown), () => assert.is(renderMarkdownText(markdown), expected));
}

text('the plain text never holds what the HTML hides (fast-check over hidden constructs)', () => {
  const hidden = fc.constantFrom(
    '<!-- SECRET -->',
    '\n\n[secret]: https://example.com/SECRET\n\n',
    '\n\n<div>SECRET</div>\n\n',
    '<span title="SECRET">',
    '<b data-x="SECRET">',
  );
  const shown = fc.constantFrom('Shown', ' *text*', ' [link](https://example.com)', '\n\n- item', ' `code`');
  fc.assert(
    fc.property(fc.array(fc.oneof(hidden, shown), { maxLength: 8 }), (parts) => {
      const markdown = parts.join('');
      assert.not.ok(renderMarkdown(markdown).value.includes('SECRET'), markdown);
      assert.not.ok(renderMarkdownText(markdown).includes('SECRET'), markdown);
    }),
    { numRuns: 300, seed: 17 },
  );
});

bounds.run();
guard.run();
text.run();
