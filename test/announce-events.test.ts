import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { publicEvents } from '../scripts/core/announce/events.js';
import { eventsFor, planAnnouncements } from '../scripts/core/announce/plan.js';
import { emptyState, parseState, serializeState } from '../scripts/core/announce/state.js';
import type { AnnounceChannel } from '../scripts/core/records/schema-types.js';
import { toMillis } from '../scripts/core/time/timestamps.js';
import { escapeSlack, renderSlackMessage, SLACK_LIMITS } from '../scripts/render/announce/slack.js';
import { ADAPTIVE_CARD_VERSION, escapeCardText, renderTeamsMessage } from '../scripts/render/announce/teams.js';
import { modelOf } from './helpers/site.js';

const CONFIG = `page: {name: Example Status, url: "https://status.example.test", time_zone: UTC}
services:
  - {id: api, name: Public API}
  - {id: web, name: Web app}
priority_matrix:
  high:   {high: P1, medium: P2, low: P3}
  medium: {high: P2, medium: P3, low: P4}
  low:    {high: P3, medium: P4, low: P5}
approvers: {default: ["@alice"]}
`;

const RESOLVED = `---
id: INC-2026-0001
title: Errors on the public API
type: incident
status: resolved
impact: high
urgency: high
priority: P1
services:
  - {id: api, status: major_outage}
visibility: public
started_at: 2026-06-01T09:55:00Z
reported_at: 2026-06-01T10:00:00Z
acknowledged_at: 2026-06-01T10:00:00Z
resolved_at: 2026-06-01T11:00:00Z
resolution: {code: fixed, summary: A fix.}
updates:
  - {at: 2026-06-01T10:00:00Z, status: investigating, message: Looking.}
  - {at: 2026-06-01T11:00:00Z, status: resolved, message: Fixed.}
---
`;

const INTERNAL = RESOLVED.replace('INC-2026-0001', 'INC-2026-0003').replace('visibility: public', 'visibility: internal');

const MAINTENANCE = `---
id: INC-2026-0002
title: Database upgrade
type: maintenance
status: scheduled
impact: medium
urgency: low
priority: P4
services:
  - {id: web, status: under_maintenance}
visibility: public
reported_at: 2026-06-01T08:00:00Z
scheduled_for: 2026-06-02T06:00:00Z
scheduled_until: 2026-06-02T07:00:00Z
updates:
  - {at: 2026-06-01T08:00:00Z, status: scheduled, message: We will upgrade the database.}
---
`;

const records = { 'incidents/INC-2026-0001.md': RESOLVED, 'incidents/INC-2026-0002.md': MAINTENANCE, 'incidents/INC-2026-0003.md': INTERNAL };
const keysAt = (at: string, remind: number | undefined) => publicEvents(modelOf(CONFIG, records, at), remind).map((event) => event.key);

const events = suite('public events');

/** `remind: null`: no remind_before. */
const CASES: { name: string; at: string; remind?: null; expected: string[] }[] = [
  { name: 'before anything', at: '2026-06-01T07:00:00Z', expected: [] },
  { name: 'a maintenance scheduled', at: '2026-06-01T09:00:00Z', expected: ['INC-2026-0002/scheduled'] },
  {
    name: 'a new incident, its component change, its resolution and the component back',
    at: '2026-06-01T12:00:00Z',
    expected: [
      'INC-2026-0002/scheduled',
      'INC-2026-0001/created',
      'INC-2026-0001/update/0/component/api',
      'INC-2026-0001/update/1',
      'INC-2026-0001/update/1/component/api',
    ],
  },
  {
    name: 'an update not yet made is not announced',
    at: '2026-06-01T10:30:00Z',
    expected: ['INC-2026-0002/scheduled', 'INC-2026-0001/created', 'INC-2026-0001/update/0/component/api'],
  },
  {
    name: 'the reminder an hour before (the schedule stays until the start)',
    at: '2026-06-02T05:30:00Z',
    expected: ['INC-2026-0002/scheduled', 'INC-2026-0002/reminder'],
  },
  { name: 'no reminder without remind_before', at: '2026-06-02T05:30:00Z', remind: null, expected: ['INC-2026-0002/scheduled'] },
  { name: 'started by the clock', at: '2026-06-02T06:30:00Z', expected: ['INC-2026-0002/started'] },
  { name: 'completed by the clock', at: '2026-06-02T08:00:00Z', expected: ['INC-2026-0002/completed'] },
];

for (const { name, at, remind, expected } of CASES) {
  events(name, () => {
    const keys = keysAt(at, remind === null ? undefined : 3600_000);
    assert.equal(
      keys.filter((key) => key.startsWith('INC-2026-0002') || toMillis(at) < toMillis('2026-06-02T00:00:00Z')),
      expected,
    );
  });
}

events('an internal incident has no event', () => {
  assert.ok(keysAt('2026-06-01T12:00:00Z', undefined).every((key) => !key.startsWith('INC-2026-0003')));
});

events('component events follow the states each update records (updates[].services)', () => {
  const history = `---
id: INC-2026-0004
title: Slow, then down
type: incident
status: identified
impact: high
urgency: high
priority: P1
services:
  - {id: api, status: major_outage}
  - {id: web, status: degraded_performance}
visibility: public
started_at: 2026-06-01T09:55:00Z
reported_at: 2026-06-01T10:00:00Z
acknowledged_at: 2026-06-01T10:00:00Z
updates:
  - at: 2026-06-01T10:00:00Z
    status: investigating
    message: Slow.
    services: [{id: api, status: partial_outage}]
  - {at: 2026-06-01T10:05:00Z, status: investigating, message: Still slow.}
  - at: 2026-06-01T10:10:00Z
    status: identified
    message: Down.
    services: [{id: api, status: major_outage}, {id: web, status: degraded_performance}]
---
`;
  const model = modelOf(CONFIG, { 'incidents/INC-2026-0004.md': history }, '2026-06-01T12:00:00Z');
  const changes = publicEvents(model, undefined)
    .filter((event) => event.type === 'component_changed')
    .map((event) => [event.key, event.component!.from, event.component!.to]);
  assert.equal(changes, [
    ['INC-2026-0004/update/0/component/api', 'operational', 'partial_outage'],
    ['INC-2026-0004/update/2/component/api', 'partial_outage', 'major_outage'],
    ['INC-2026-0004/update/2/component/web', 'operational', 'degraded_performance'],
  ]);
});

events('an update event shows the incident as of that update', () => {
  const [created] = publicEvents(modelOf(CONFIG, records, '2026-06-01T12:00:00Z'), undefined).filter((event) => event.type === 'incident_created');
  assert.is(created!.incident.updates.length, 1);
  assert.is(created!.incident.status, 'investigating');
});

const plan = suite('the run plan');

const all = publicEvents(modelOf(CONFIG, records, '2026-06-01T12:00:00Z'), undefined);
const channel = (fields: Partial<AnnounceChannel>): AnnounceChannel => ({ id: 'c', type: 'slack', url_env: 'X', ...fields });

const FILTERS: { name: string; channel: AnnounceChannel; expected: string[] }[] = [
  { name: 'no filter: everything', channel: channel({}), expected: all.map((event) => event.key) },
  { name: 'services: web', channel: channel({ services: ['web'] }), expected: ['INC-2026-0002/scheduled'] },
  {
    name: 'events: component',
    channel: channel({ events: ['component'] }),
    expected: ['INC-2026-0001/update/0/component/api', 'INC-2026-0001/update/1/component/api'],
  },
  { name: 'services: api and events: maintenance', channel: channel({ services: ['api'], events: ['maintenance'] }), expected: [] },
];
for (const { name, channel: configured, expected } of FILTERS) {
  plan(`filter, ${name}`, () =>
    assert.equal(
      eventsFor(configured, all).map((event) => event.key),
      expected,
    ),
  );
}

plan('a first run sends what is recent and skips the rest; a later run sends what is not remembered', () => {
  const now = toMillis('2026-06-01T12:00:00Z');
  const [first] = planAnnouncements([channel({})], all, emptyState(), now, 90 * 60_000);
  assert.equal(
    first!.send.map((event) => event.key),
    ['INC-2026-0001/update/1', 'INC-2026-0001/update/1/component/api'],
  );
  assert.equal(
    first!.skip.map((event) => event.key),
    ['INC-2026-0002/scheduled', 'INC-2026-0001/created', 'INC-2026-0001/update/0/component/api'],
  );
  const state = emptyState();
  state.channels.c = {
    delivered: { 'INC-2026-0001/created': 'x' },
    skipped: {},
    refused: { 'INC-2026-0001/update/1': { runs: 3, reason: 'HTTP 400', last: 'x' } },
  };
  const [later] = planAnnouncements([channel({})], all, state, now, 0);
  assert.equal(
    later!.send.map((event) => event.key),
    ['INC-2026-0002/scheduled', 'INC-2026-0001/update/0/component/api', 'INC-2026-0001/update/1/component/api'],
  );
  assert.equal(later!.givenUp, ['INC-2026-0001/update/1']);
});

const state = suite('the state document');

for (const [name, text, reason] of [
  ['not JSON', '{', /not JSON/],
  ['another version', '{"version": 2, "channels": {}}', /expected \{"version": 1/],
  ['a channel that is not an object', '{"version": 1, "channels": {"a": []}}', /channels\.a is not an object/],
  ['a delivered time that is not text', '{"version": 1, "channels": {"a": {"delivered": {"k": 1}}}}', /delivered and skipped maps/],
  ['a refusal without runs', '{"version": 1, "channels": {"a": {"delivered": {}, "refused": {"k": {}}}}}', /refused\["k"\] needs runs/],
] as const) {
  state(`refuses ${name}`, () => {
    const parsed = parseState(text);
    assert.not.ok(parsed.ok);
    if (!parsed.ok) assert.match(parsed.reason, reason);
  });
}

state('reads what it writes', () => {
  const written = {
    version: 1 as const,
    channels: { a: { delivered: { k: '2026-06-01T12:00:00Z' }, skipped: {}, refused: { j: { runs: 1, reason: 'HTTP 404', last: '2026-06-01T12:00:00Z' } } } },
  };
  assert.equal(parseState(serializeState(written)), { ok: true, state: written });
});

state('a key such as __proto__ in the file stays a key, never the prototype', () => {
  const parsed = parseState(
    '{"version": 1, "channels": {"__proto__": {"delivered": {}, "skipped": {}, "refused": {"__proto__": {"runs": 1, "reason": "x", "last": "y"}}}}}',
  );
  assert.ok(parsed.ok);
  if (!parsed.ok) return;
  assert.is(Object.getPrototypeOf(parsed.state.channels), Object.prototype);
  assert.ok(Object.hasOwn(parsed.state.channels, '__proto__'));
  assert.ok(Object.hasOwn(parsed.state.channels.__proto__!.refused, '__proto__'));
});

const slack = suite('Slack payloads');

for (const [input, expected] of [
  ['<!channel> hi', '&lt;!channel&gt; hi'],
  ['<!here|here>', '&lt;!here|here&gt;'],
  ['<@U0123ABC>', '&lt;@U0123ABC&gt;'],
  ['<!subteam^S123>', '&lt;!subteam^S123&gt;'],
  ['a & b', 'a &amp; b'],
  ['@channel @here @everyone', '@\u200bchannel @\u200bhere @\u200beveryone'],
  ['mail@here.example', 'mail@here.example'],
] as const) {
  slack(`escapes ${JSON.stringify(input)}`, () => assert.is(escapeSlack(input), expected));
}

slack('a long message stays within Block Kit limits', () => {
  const long = RESOLVED.replace('message: Looking.', `message: "${'x'.repeat(5000)}"`).replace(
    'title: Errors on the public API',
    `title: "${'T'.repeat(200)}"`,
  );
  const model = modelOf(CONFIG, { 'incidents/INC-2026-0001.md': long }, '2026-06-01T12:00:00Z');
  const event = publicEvents(model, undefined)[0]!;
  const message = renderSlackMessage(model, event) as { text: string; blocks: { type: string; text?: { text: string } }[] };
  const header = message.blocks[0]!.text!.text;
  assert.is([...header].length, SLACK_LIMITS.header);
  assert.ok(header.endsWith('…'));
  assert.is([...message.blocks[2]!.text!.text].length, SLACK_LIMITS.section);
  assert.ok([...message.text].length <= SLACK_LIMITS.text);
});

slack('Teams text links nowhere the record wrote', () => {
  assert.is(escapeCardText('see [docs](https://evil.test) now'), 'see [docs]\u200b(https://evil.test) now');
  assert.is(escapeCardText('plain (text) [1]'), 'plain (text) [1]');
});

slack('Teams cards state their schema version', () => {
  const model = modelOf(CONFIG, records, '2026-06-01T12:00:00Z');
  const card = renderTeamsMessage(model, publicEvents(model, undefined)[0]!) as { attachments: { content: { version: string } }[] };
  assert.is(card.attachments[0]!.content.version, ADAPTIVE_CARD_VERSION);
});

for (const test of [events, plan, state, slack]) test.run();
