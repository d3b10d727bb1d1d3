import fc from 'fast-check';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { renderMarkdown, throughPipeline } from '../scripts/render/markdown.js';

const markdown = suite('render/markdown: plain sentences skip the pipeline and come out the same; images show as their alt text');

const CASES: [string, string][] = [
  ['Resolved.', '<p>Resolved.</p>'],
  ['We are investigating: 50% of logins fail (EU/US)!', '<p>We are investigating: 50% of logins fail (EU/US)!</p>'],
  ['1. a list', '<ol>\n<li>a list</li>\n</ol>'],
  ['- a list', '<ul>\n<li>a list</li>\n</ul>'],
  ['Use *care* & <b>', '<p>Use <em>care</em> &#x26; </p>'],
  ['![a tracking pixel](https://evil.example/p.gif) and [a link](https://example.com)', '<p>a tracking pixel and <a href="https://example.com">a link</a></p>'],
  ['[![nested](https://evil.example/p.gif)](https://example.com)', '<p><a href="https://example.com">nested</a></p>'],
];

for (const [text, expected] of CASES) {
  markdown(JSON.stringify(text), () => assert.is(renderMarkdown(text).toString(), expected));
}

markdown('any text of plain characters renders as the pipeline renders it (fast-check)', () => {
  const plain = fc
    .array(fc.constantFrom('a', 'Z', 'é', '1', ' ', '  ', ',', '.', ';', ':', "'", '?', '!', '%', '/', '(', ')', '-', 'ü', '9'), { maxLength: 30 })
    .map((parts) => parts.join(''));
  fc.assert(
    fc.property(plain, (text) => {
      assert.is(renderMarkdown(text).toString(), throughPipeline(text), JSON.stringify(text));
    }),
    { numRuns: 2000 },
  );
});

markdown.run();
