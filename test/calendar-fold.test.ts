import fc from 'fast-check';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { fold } from '../scripts/render/api/calendar-feed.js';

const test = suite('calendar fold');

/** RFC 5545's folding, one character at a time: at most 75 octets on the first line and 74 after the space that continues it. */
function foldByCharacter(line: string): string {
  const parts: string[] = [];
  let [part, octets] = ['', 0];
  for (const character of line) {
    const size = Buffer.byteLength(character);
    if (octets + size > (parts.length === 0 ? 75 : 74)) {
      parts.push(part);
      [part, octets] = ['', 0];
    }
    part += character;
    octets += size;
  }
  return [...parts, part].join('\r\n ');
}

const CASES: { name: string; line: string }[] = [
  { name: 'empty', line: '' },
  { name: '75 octets, unfolded', line: 'x'.repeat(75) },
  { name: '76 octets', line: 'x'.repeat(76) },
  { name: 'three lines of ASCII', line: 'x'.repeat(75 + 74 + 10) },
  { name: 'a two-octet character across the edge', line: `${'x'.repeat(74)}é and more` },
  { name: 'a three-octet character across the edge', line: `${'x'.repeat(73)}–${'y'.repeat(80)}` },
  { name: 'an emoji (four octets, two UTF-16 units) across the edge', line: `${'x'.repeat(73)}😀${'y'.repeat(80)}` },
  { name: 'a lone surrogate (written as three octets)', line: `${'x'.repeat(73)}\ud800${'y'.repeat(80)}` },
];

for (const { name, line } of CASES) {
  test(`fold: ${name}`, () => {
    const folded = fold(line);
    assert.is(folded, foldByCharacter(line));
    for (const part of folded.split('\r\n')) assert.ok(Buffer.byteLength(part) <= 75, `${part} is at most 75 octets`);
  });
}

test('fold gives what folding one character at a time gives, for any text', () => {
  const text = fc.array(
    fc.oneof(fc.string({ unit: 'grapheme' }), fc.string({ unit: 'binary' }), fc.constantFrom('x'.repeat(70), 'é', '–', '😀', '\ud800', '\udc00')),
    {
      maxLength: 20,
    },
  );
  fc.assert(
    fc.property(text, (parts) => assert.is(fold(parts.join('')), foldByCharacter(parts.join('')))),
    { numRuns: 2000 },
  );
});

test.run();
