import { execFileSync } from 'node:child_process';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { findRecurring, shellQuote, similarity, titleStems, type RecurringSettings } from '../scripts/core/report/recurring.js';
import type { Incident } from '../scripts/core/records/types.js';

const NOW = Date.parse('2026-06-30T12:00:00Z');
const DAY = 86_400;
const SETTINGS: RecurringSettings = { window_seconds: 90 * DAY, min_incidents: 3 };

/** An incident with what the finder reads; `day` is the day of June 2026 it was reported. */
function incident(
  id: number,
  title: string,
  day: number,
  { services = ['api'], ...extra }: { services?: string[] } & Omit<Partial<Incident>, 'services'> = {},
): Incident {
  const at = `2026-06-${String(day).padStart(2, '0')}T09:00:00Z`;
  return {
    id: `INC-2026-${String(id).padStart(4, '0')}`,
    title,
    type: 'incident',
    status: 'resolved',
    impact: 'medium',
    urgency: 'medium',
    priority: 'P3',
    services: services.map((service) => ({ id: service, status: 'partial_outage' })),
    visibility: 'public',
    reported_at: at,
    updates: [{ at, status: 'resolved', message: 'x' }],
    ...extra,
  };
}

const stems = suite('recurring: title stems and their similarity');

const SIMILARITY: { a: string; b: string; expected: number }[] = [
  { a: 'Card payments failing at checkout', b: 'Some card payments declined at checkout', expected: 3 / 5 },
  { a: 'Checkout API returns 502', b: 'Checkout API returns 503', expected: 1 }, // numbers say nothing about the fault
  { a: 'Exports time out', b: 'Export timed out', expected: 1 }, // export(s), time(d): the same stems
  { a: 'Search is slow', b: 'Checkout is slow', expected: 1 / 3 },
  { a: 'The', b: 'A', expected: 0 }, // nothing left to compare
];

for (const { a, b, expected } of SIMILARITY) {
  stems(`"${a}" ~ "${b}" = ${expected.toFixed(2)}`, () => {
    assert.is(similarity(titleStems(a), titleStems(b)), expected);
  });
}

const clusters = suite('recurring: clusters found, near-misses left apart');

const PAYMENTS = 'Card payments failing at checkout';
const CASES: { name: string; incidents: Incident[]; covered?: string[]; settings?: RecurringSettings; expected: string[][] }[] = [
  {
    name: 'three alike on one service are a candidate',
    incidents: [incident(1, PAYMENTS, 1), incident(2, 'Card payments declined at checkout', 10), incident(3, 'Checkout card payments failing again', 20)],
    expected: [['INC-2026-0001', 'INC-2026-0002', 'INC-2026-0003']],
  },
  { name: 'two alike are fewer than min_incidents', incidents: [incident(1, PAYMENTS, 1), incident(2, PAYMENTS, 2)], expected: [] },
  {
    name: 'min_incidents 2 takes two',
    incidents: [incident(1, PAYMENTS, 1), incident(2, PAYMENTS, 2)],
    settings: { ...SETTINGS, min_incidents: 2 },
    expected: [['INC-2026-0001', 'INC-2026-0002']],
  },
  {
    name: 'the same title on another service is left apart',
    incidents: [incident(1, PAYMENTS, 1), incident(2, PAYMENTS, 2), incident(3, PAYMENTS, 3, { services: ['web'] })],
    expected: [],
  },
  {
    name: 'an incident reported before the window is left out',
    incidents: [incident(1, PAYMENTS, 1, { reported_at: '2026-03-01T09:00:00Z' }), incident(2, PAYMENTS, 2), incident(3, PAYMENTS, 3)],
    expected: [],
  },
  {
    name: 'a longer window takes it in',
    incidents: [incident(1, PAYMENTS, 1, { reported_at: '2026-03-01T09:00:00Z' }), incident(2, PAYMENTS, 2), incident(3, PAYMENTS, 3)],
    settings: { ...SETTINGS, window_seconds: 180 * DAY },
    expected: [['INC-2026-0001', 'INC-2026-0002', 'INC-2026-0003']],
  },
  {
    name: 'titles less alike than the threshold are left apart',
    incidents: [incident(1, PAYMENTS, 1), incident(2, PAYMENTS, 2), incident(3, 'Checkout slow for wallet users', 3)],
    expected: [],
  },
  {
    name: 'an incident a problem already lists is not counted',
    incidents: [incident(1, PAYMENTS, 1), incident(2, PAYMENTS, 2), incident(3, PAYMENTS, 3)],
    covered: ['INC-2026-0002'],
    expected: [],
  },
  {
    name: 'cancelled incidents, drills and maintenance are not counted',
    incidents: [
      incident(1, PAYMENTS, 1),
      incident(2, PAYMENTS, 2, { status: 'cancelled', cancel_reason: 'false_positive' }),
      incident(3, PAYMENTS, 3, { drill: true }),
      incident(4, PAYMENTS, 4, { type: 'maintenance', status: 'completed' }),
      incident(5, PAYMENTS, 5),
    ],
    expected: [],
  },
  {
    name: 'a chain of alike titles is one group (single linkage)',
    incidents: [
      incident(1, 'Database connections exhausted', 1),
      incident(2, 'Database connections exhausted at peak', 2),
      incident(3, 'Connections exhausted at peak traffic', 3),
    ],
    expected: [['INC-2026-0001', 'INC-2026-0002', 'INC-2026-0003']],
  },
  {
    name: 'two groups: the larger first, and an incident on two services is counted once per group',
    incidents: [
      incident(1, 'Search results stale', 1, { services: ['search'] }),
      incident(2, 'Search results stale again', 5, { services: ['search'] }),
      incident(3, 'Stale search results', 9, { services: ['search'] }),
      incident(4, PAYMENTS, 2, { services: ['api', 'web'] }),
      incident(5, PAYMENTS, 6, { services: ['api', 'web'] }),
      incident(6, PAYMENTS, 20, { services: ['api', 'web'] }),
      incident(7, PAYMENTS, 21, { services: ['api'] }),
    ],
    expected: [
      ['INC-2026-0004', 'INC-2026-0005', 'INC-2026-0006', 'INC-2026-0007'],
      ['INC-2026-0004', 'INC-2026-0005', 'INC-2026-0006'],
      ['INC-2026-0001', 'INC-2026-0002', 'INC-2026-0003'],
    ],
  },
];

for (const { name, incidents, covered = [], settings = SETTINGS, expected } of CASES) {
  clusters(name, () => {
    assert.equal(
      findRecurring(incidents, new Set(covered), settings, NOW).map((candidate) => candidate.incidents),
      expected,
    );
  });
}

clusters('equal groups rank the most recent first; each names its services', () => {
  const found = findRecurring(
    [incident(1, PAYMENTS, 1), incident(2, PAYMENTS, 2), incident(3, PAYMENTS, 3), incident(4, 'Web shop slow', 10, { services: ['web'] })].concat([
      incident(5, 'Web shop slow', 11, { services: ['web'] }),
      incident(6, 'Web shop slow today', 12, { services: ['web'] }),
    ]),
    new Set(),
    SETTINGS,
    NOW,
  );
  assert.equal(
    found.map((candidate) => [candidate.services, candidate.first_reported_at, candidate.last_reported_at]),
    [
      [['web'], '2026-06-10T09:00:00Z', '2026-06-12T09:00:00Z'],
      [['api'], '2026-06-01T09:00:00Z', '2026-06-03T09:00:00Z'],
    ],
  );
});

const suggestion = suite('recurring: the suggested command');

/** The arguments a POSIX shell gives `incidents` for a suggested command line. */
function argumentsOf(line: string): string[] {
  assert.ok(line.startsWith('incidents '), line);
  const out = execFileSync('sh', ['-c', `printf '%s\\0' ${line.slice('incidents '.length)}`], { encoding: 'utf8' });
  return out.split('\0').slice(0, -1);
}

suggestion('the command records the group as a problem: the latest title, the highest impact, every incident', () => {
  const [found] = findRecurring(
    [incident(1, PAYMENTS, 1, { impact: 'high', priority: 'P2' }), incident(2, PAYMENTS, 2), incident(3, 'Card payments fail at checkout', 3)],
    new Set(),
    SETTINGS,
    NOW,
  );
  assert.equal(argumentsOf(found!.suggestion), [
    'new',
    '--type',
    'problem',
    '--title',
    'Recurring: Card payments fail at checkout',
    '--service',
    'api',
    '--impact',
    'high',
    '--urgency',
    'medium',
    '--incident',
    'INC-2026-0001',
    '--incident',
    'INC-2026-0002',
    '--incident',
    'INC-2026-0003',
  ]);
});

/** Titles an attacker could write, and the title argument the shell must get: as written, control characters as spaces. */
const HOSTILE: { title: string; expected: string }[] = [
  { title: "Payments fail'; touch /tmp/pwned; echo '", expected: "Recurring: Payments fail'; touch /tmp/pwned; echo '" },
  { title: 'Payments fail $(touch /tmp/pwned) `id` "quoted"', expected: 'Recurring: Payments fail $(touch /tmp/pwned) `id` "quoted"' },
  { title: 'Payments fail\n--title injected\r\u001b[2J\u202eevil', expected: 'Recurring: Payments fail --title injected  [2J evil' },
  {
    title: "Payments fail \\ '\\'' !history ~ * ? [a] {b,c} > out < in | pipe & bg ; sep",
    expected: "Recurring: Payments fail \\ '\\'' !history ~ * ? [a] {b,c} > out < in | pipe & bg ; sep",
  },
];

for (const { title, expected } of HOSTILE) {
  suggestion(`a hostile title stays one argument, as written: ${JSON.stringify(title)}`, () => {
    const incidents = [1, 2, 3].map((id) => incident(id, title, id));
    const [found] = findRecurring(incidents, new Set(), SETTINGS, NOW);
    const args = argumentsOf(found!.suggestion);
    assert.is(args[4], expected);
    assert.is(args.length, 17);
    assert.not.ok(
      ['\n', '\r', '\u001b', '\u202e'].some((character) => found!.suggestion.includes(character)),
      'nothing that breaks or hides the line',
    );
  });
}

suggestion('a title at the limit is cut to the 200 characters a problem title takes', () => {
  const [found] = findRecurring(
    [1, 2, 3].map((id) => incident(id, `Payments ${'x'.repeat(190)}`, id)),
    new Set(),
    SETTINGS,
    NOW,
  );
  assert.is([...argumentsOf(found!.suggestion)[4]!].length, 200);
});

suggestion('plain words stay bare; anything else is single-quoted', () => {
  assert.is(shellQuote('checkout-api'), 'checkout-api');
  assert.is(shellQuote(''), "''");
  assert.is(shellQuote("it's"), "'it'\\''s'");
});

stems.run();
clusters.run();
suggestion.run();
