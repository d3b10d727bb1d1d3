import fc from 'fast-check';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { parseRecord } from '../scripts/core/records/parse-record.js';
import { parseYaml } from '../scripts/core/records/parse-yaml.js';

const INCIDENT = 'incidents/INC-2026-0001.md';

const hostile = suite('parse-record: hostile and broken input');

const REFUSED: { name: string; text: string; rule: string; line: number; column: number }[] = [
  {
    name: 'alias bomb',
    text: `---\na: &a [x, x, x, x, x, x, x, x, x]\n${'bcdefgh'
      .split('')
      .map((n, i) => `${n}: &${n} [${Array(9).fill(`*${'abcdefg'[i]}`).join(', ')}]`)
      .join('\n')}\n---\n`,
    rule: 'yaml/alias-limit',
    line: 3,
    column: 8,
  },
  { name: 'duplicate key', text: '---\nid: INC-2026-0001\nid: INC-2026-0002\n---\n', rule: 'yaml/duplicate-key', line: 3, column: 1 },
  { name: 'duplicate key in a nested map', text: '---\nresolution:\n  code: fixed\n  code: workaround\n---\n', rule: 'yaml/duplicate-key', line: 4, column: 3 },
  { name: 'unknown tag', text: '---\ntitle: !!python/object:os.system ls\n---\n', rule: 'yaml/unknown-tag', line: 2, column: 8 },
  { name: 'custom local tag', text: '---\ntitle: !env HOME\n---\n', rule: 'yaml/unknown-tag', line: 2, column: 8 },
  { name: '__proto__ key', text: '---\n__proto__: {polluted: true}\n---\n', rule: 'yaml/proto-key', line: 2, column: 1 },
  { name: 'nested __proto__ key', text: '---\nresolution:\n  "__proto__": {code: fixed}\n---\n', rule: 'yaml/proto-key', line: 3, column: 3 },
  { name: 'syntax error', text: '---\ntitle: "unterminated\nid: x\n---\n', rule: 'yaml/syntax', line: 3, column: 6 },
  { name: 'tab indentation', text: '---\nresolution:\n\tcode: fixed\n---\n', rule: 'yaml/syntax', line: 3, column: 1 },
  { name: 'no frontmatter', text: '# Just a title\n', rule: 'file/frontmatter', line: 1, column: 1 },
  { name: 'empty file', text: '', rule: 'file/frontmatter', line: 1, column: 1 },
  { name: 'frontmatter never closed', text: '---\nid: INC-2026-0001\n', rule: 'file/frontmatter', line: 1, column: 1 },
  { name: 'JavaScript frontmatter', text: '---js\n{ id: (globalThis.__pwned = 1) }\n---\n', rule: 'file/frontmatter', line: 1, column: 1 },
  { name: 'JSON frontmatter', text: '---json\n{"id": "INC-2026-0001"}\n---\n', rule: 'file/frontmatter', line: 1, column: 1 },
  { name: 'binary garbage', text: '\u0000\u0001\u0002PNG\r\n\u001a\n', rule: 'file/frontmatter', line: 1, column: 1 },
  { name: 'a 100 kB opening line, CR only', text: `---js\r${'x: 1\r'.repeat(20_000)}---\r`, rule: 'file/frontmatter', line: 1, column: 1 },
];

for (const { name, text, rule, line, column } of REFUSED) {
  hostile(`${name} gives one finding of ${rule}`, () => {
    const result = parseRecord(INCIDENT, text);
    assert.equal(result.ok, false);
    if (result.ok) return;
    assert.equal(
      result.findings.map(({ path, rule, line, column, severity }) => ({ path, rule, line, column, severity })),
      [{ path: INCIDENT, rule, line, column, severity: 'error' }],
    );
    assert.ok(result.findings[0]!.message.length > 20, 'the message explains the problem');
    assert.ok(result.findings[0]!.message.length < 200, 'the message quotes no more than the start of the file');
  });
}

const DEEP = [
  { name: 'flow lists nested 100,000 deep', text: `---\ntitle: ${'['.repeat(100_000)}\n---\n` },
  { name: 'maps nested 5,000 deep', text: `---\n${Array.from({ length: 5000 }, (_, i) => `${' '.repeat(i)}a:`).join('\n')} 1\n---\n` },
];

for (const { name, text } of DEEP) {
  // Where the parser gives up depends on the stack size, so only the rule and message are fixed.
  hostile(`${name} gives one finding, not a stack overflow`, () => {
    const result = parseRecord(INCIDENT, text);
    assert.equal(result.ok ? [] : result.findings.map((finding) => [finding.rule, finding.message.replace(/ \(and \d+ more.*/, '')]), [
      ['yaml/syntax', 'Invalid YAML: it is nested too deeply'],
    ]);
  });
}

hostile('old Mac line endings (CR only, or a lone CR inside) read as line feeds do, with the same lines', () => {
  const lf = '---\nid: INC-2026-0001\ntitle: [a\n---\nBody\n';
  const expected = parseRecord(INCIDENT, lf);
  assert.equal(expected.ok, false);
  for (const text of [lf.replaceAll('\n', '\r'), lf.replace('0001\n', '0001\r'), `\uFEFF${lf.replaceAll('\n', '\r')}`]) {
    const result = parseRecord(INCIDENT, text);
    assert.equal(result.ok, false);
    if (result.ok || expected.ok) continue;
    assert.equal(
      result.findings.map(({ rule, line, column }) => ({ rule, line, column })),
      expected.findings.map(({ rule, line, column }) => ({ rule, line, column })),
      JSON.stringify(text),
    );
  }
});

hostile('JavaScript frontmatter is never evaluated', () => {
  parseRecord(INCIDENT, '---js\n{ id: (globalThis.__pwned = 1) }\n---\n');
  parseRecord(INCIDENT, '---javascript\n(globalThis.__pwned = 1)\n---\n');
  assert.is((globalThis as { __pwned?: number }).__pwned, undefined);
});

hostile('__proto__ never reaches the data', () => {
  const result = parseYaml('a: 1\n__proto__: {polluted: true}\n');
  assert.equal(result.ok, false);
  assert.is(({} as { polluted?: boolean }).polluted, undefined);
});

const values = suite('parse-record: values and positions');

values('timestamps and dates stay strings, exactly as written', () => {
  const result = parseYaml('reported_at: 2026-03-01T10:04:00+02:00\ndue: 2026-03-15\nzero: 0007\nword: no\n');
  assert.ok(result.ok);
  if (!result.ok) return;
  assert.equal(result.value.data, { reported_at: '2026-03-01T10:04:00+02:00', due: '2026-03-15', zero: 7, word: 'no' });
});

values('a file with many YAML errors gives one finding that counts the rest', () => {
  const result = parseYaml('a: [1\nb: [2\nc: [3\n');
  assert.equal(result.ok ? [] : result.problems.map((problem) => problem.message), [
    'Invalid YAML: Flow sequence in block collection must be sufficiently indented and end with a ] (and 2 more YAML problems after it)',
  ]);
});

values('empty keys are dropped and remembered', () => {
  const result = parseYaml('a: 1\nb:\nc: {d: , e: 2}\n');
  assert.ok(result.ok);
  if (!result.ok) return;
  assert.equal(result.value.data, { a: 1, c: { e: 2 } });
  assert.equal([...result.value.emptyKeys], ['/b', '/c/d']);
});

values('locate points at keys and values with file line numbers', () => {
  const text = '---\nid: INC-2026-0001\nservices:\n  - id: api\n    status: major_outage\n---\nbody\n';
  const result = parseRecord(INCIDENT, text);
  assert.ok(result.ok);
  if (!result.ok) return;
  const { locate } = result.record;
  assert.equal(locate(['id'], 'key'), { line: 2, column: 1 });
  assert.equal(locate(['id']), { line: 2, column: 5 });
  assert.equal(locate(['services', 0, 'status']), { line: 5, column: 13 });
  assert.equal(locate(['services', 0, 'status'], 'key'), { line: 5, column: 5 });
  assert.equal(locate(['services', 3, 'status']), { line: 4, column: 3 }, 'a missing item points at its list');
  assert.equal(result.record.body, 'body\n');
  assert.is(result.record.bodyLine, 7);
});

values('CRLF line endings and a byte-order mark keep line numbers', () => {
  const text = '\uFEFF---\r\nid: INC-2026-0001\r\ntitle: x\r\n---\r\nbody\r\n';
  const result = parseRecord(INCIDENT, text);
  assert.ok(result.ok);
  if (!result.ok) return;
  assert.equal(result.record.data, { id: 'INC-2026-0001', title: 'x' });
  assert.equal(result.record.locate(['title']), { line: 3, column: 8 });
});

values('a blank frontmatter is an empty map', () => {
  const result = parseRecord(INCIDENT, '---\n# only a comment\n---\n');
  assert.ok(result.ok);
  if (result.ok) assert.equal(result.record.data, {});
});

hostile('any text gives a record or findings at a line, never an exception (fast-check)', () => {
  const piece = fc.oneof(
    fc.string({ unit: 'binary' }),
    fc.constantFrom(
      '---\n',
      '\n',
      'id: INC-2026-0001\n',
      'a: &x [1]\nb: *x\n',
      '  - ',
      '\t',
      '!!js/function ',
      '__proto__: 1\n',
      '\uFEFF',
      '\r\n',
      '[',
      '{',
      '"',
      '#',
    ),
  );
  fc.assert(
    fc.property(fc.array(piece, { maxLength: 20 }), (pieces) => {
      const result = parseRecord(INCIDENT, pieces.join(''));
      if (!result.ok)
        for (const finding of result.findings) assert.ok(finding.line >= 1 && finding.column >= 1 && finding.message.length > 0, JSON.stringify(finding));
    }),
    { numRuns: 3000 },
  );
});

hostile.run();
values.run();
