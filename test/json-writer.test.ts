import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { writeJsonInPieces } from '../scripts/reporters/json-writer.js';

const writer = suite('writeJsonInPieces');

const written = (value: unknown, escape?: (json: string) => string) => {
  const pieces: string[] = [];
  writeJsonInPieces(value, (piece) => pieces.push(piece), escape);
  return pieces;
};

const CASES: [name: string, value: unknown][] = [
  ['a number', 42],
  ['a string with quotes and a line break', 'say "hi"\n'],
  ['null', null],
  ['not a number', Number.NaN],
  ['empty containers', { list: [], map: {}, nested: [[], {}] }],
  ['undefined, functions and symbols: left out of maps, null in lists', { a: undefined, b: () => 1, c: Symbol('x'), d: [undefined, () => 1, Symbol('y'), 1] }],
  ['toJSON', { when: new Date(Date.UTC(2026, 0, 2)), custom: { toJSON: () => ({ inner: [1, 'two'] }) }, gone: { toJSON: () => undefined } }],
  ['unicode and escapes in keys', { 'ключ "q"': 'значение', '\u2028': '\u0000' }],
  ['deep nesting', { a: { b: { c: [{ d: [1, [2, [3]]] }] } } }],
];

for (const [name, value] of CASES) {
  writer(`${name}: exactly what JSON.stringify(value, null, 2) writes`, () => {
    assert.is(written(value).join(''), JSON.stringify(value, null, 2));
  });
}

writer('a document of several megabytes comes in several pieces, joined the same as JSON.stringify', () => {
  const big = { rows: Array.from({ length: 40_000 }, (_, index) => ({ id: `INC-${index}`, message: 'x'.repeat(40), figures: [index, index / 3] })) };
  const pieces = written(big);
  assert.ok(pieces.length > 3, `${pieces.length} pieces`);
  assert.is(pieces.join(''), JSON.stringify(big, null, 2));
});

writer('escape applies to every key and string, never to the structure between them', () => {
  const value = { '##[key': ['##[add-mask]secret', 3], plain: '##' };
  const escape = (json: string) => json.replaceAll('##[', '##\\u005b');
  assert.is(written(value, escape).join(''), escape(JSON.stringify(value, null, 2)));
  assert.equal(JSON.parse(written(value, escape).join('')), value);
});

writer.run();
