import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { describeBadTimestamp, isTimestamp, toMillis } from '../scripts/core/time/timestamps.js';

const timestamps = suite('timestamps');

const CASES: { input: string; expected: true | RegExp }[] = [
  { input: '2026-03-01T10:04:00Z', expected: true },
  { input: '2026-03-01T12:04:00+02:00', expected: true },
  { input: '2026-03-01T05:04:00-05:00', expected: true },
  { input: '2026-03-01T10:04:00.250Z', expected: true },
  { input: '2024-02-29T10:00:00Z', expected: true },
  { input: '2026-03-01T10:04:00', expected: /has no UTC offset/ },
  { input: '2026-03-01 10:04:00', expected: /has no UTC offset/ },
  { input: '2026-02-29T10:00:00Z', expected: /not a real date: 2026-02 has no day 29/ },
  { input: '2026-13-01T10:00:00Z', expected: /not a real date/ },
  { input: '2026-03-01T24:00:00Z', expected: /not a real time of day/ },
  { input: '2026-03-01T23:59:60Z', expected: /not a real time of day/ },
  { input: '2026-03-01', expected: /has no time of day/ },
  { input: '2026-03-01T10:04:00+0200', expected: /expected YYYY-MM-DDTHH:MM:SS with Z or an offset ±HH:MM/ },
  { input: '2026-03-01T10:04:00+02', expected: /expected YYYY-MM-DDTHH:MM:SS with Z or an offset ±HH:MM/ },
  { input: '2026-03-01t10:04:00z', expected: /expected YYYY-MM-DDTHH:MM:SS/ },
  { input: '2026-03-01T10:04Z', expected: /expected YYYY-MM-DDTHH:MM:SS/ },
  { input: 'yesterday', expected: /not an ISO 8601 date and time/ },
  { input: '0000-01-01T00:00:00Z', expected: /is in the year 0000: expected a year from 1970 to 9899/ },
  { input: '0099-06-01T00:00:00Z', expected: /is in the year 0099/ },
  { input: '1970-01-01T00:00:00Z', expected: true },
  { input: '9899-12-31T23:59:59-23:59', expected: true },
  { input: '9900-01-01T00:00:00Z', expected: /is in the year 9900: expected a year from 1970 to 9899/ },
  { input: '9999-12-31T23:59:59Z', expected: /is in the year 9999/ },
  { input: '9999-12-31T23:59:59-23:59', expected: /is in the year 9999/ },
  { input: '2026-02-30T10:00:00Z', expected: /not a real date: 2026-02 has no day 30/ },
];

for (const { input, expected } of CASES) {
  timestamps(input, () => {
    assert.is(isTimestamp(input), expected === true);
    if (expected !== true) assert.match(describeBadTimestamp(input), expected);
    else assert.ok(Number.isFinite(Date.parse(input)), 'every accepted timestamp can be compared');
  });
}

// toMillis reads the digits itself; Date.parse is the oracle, on every case above and on these.
const MILLIS_CASES = [
  ...CASES.map(({ input }) => input),
  '2026-01-01T24:00:00Z',
  '2026-01-01T23:60:00Z',
  '2026-01-01T00:00:00+24:00',
  '2026-01-00T00:00:00Z',
  '2026-02-31T00:00:00Z',
  '2026-03-29T01:30:00+01:00',
  '1970-01-01T00:00:00-00:01',
];

timestamps('toMillis gives what Date.parse gives, on edge cases and on 20,000 seeded timestamps', () => {
  let seed = 7;
  const next = (below: number) => ((seed = (seed * 1103515245 + 12345) % 2147483648), seed % below);
  const pad = (value: number, width = 2) => String(value).padStart(width, '0');
  const random = Array.from({ length: 20_000 }, () => {
    const zone = next(3) === 0 ? 'Z' : `${next(2) === 0 ? '+' : '-'}${pad(next(26))}:${pad(next(62))}`;
    return `${pad(next(10_000), 4)}-${pad(next(14))}-${pad(next(33))}T${pad(next(26))}:${pad(next(62))}:${pad(next(62))}${zone}`;
  });
  for (const input of [...MILLIS_CASES, ...random])
    assert.ok(Object.is(toMillis(input), Date.parse(input)), `${input}: ${toMillis(input)} ≠ ${Date.parse(input)}`);
});

timestamps.run();
