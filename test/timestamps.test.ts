import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { describeBadTimestamp, isTimestamp } from '../scripts/core/time/timestamps.js';

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

timestamps.run();
