import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { approversFor } from '../scripts/core/gate/approvals.js';
import type { Config, Incident } from '../scripts/core/records/types.js';
import { workingCalendar } from '../scripts/core/time/calendar.js';
import { siteOf } from './helpers/site.js';

/** Names every JavaScript object has; a service id or calendar name can be the first. */
const RESERVED_WORDS = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf', 'isPrototypeOf'];

const lookups = suite('a lookup keyed by config text finds only what the config wrote');

for (const word of RESERVED_WORDS) {
  lookups(`a service ${word} with no approvers of its own has the default approvers`, () => {
    const config = { approvers: { default: ['@alice'], services: { api: ['@bob'] } } } as unknown as Config;
    const incident = { services: [{ id: word, status: 'major_outage' }] } as unknown as Incident;
    assert.equal(approversFor(config, incident), ['@alice']);
  });
  lookups(`a service ${word} with approvers of its own has them`, () => {
    const services = Object.defineProperty({}, word, { value: ['@carol'], enumerable: true });
    const config = { approvers: { default: ['@alice'], services } } as unknown as Config;
    const incident = { services: [{ id: word, status: 'major_outage' }] } as unknown as Incident;
    assert.equal(approversFor(config, incident), ['@alice', '@carol']);
  });
  lookups(`a calendar named ${word} that is not defined is never read from the object's prototype`, () => {
    const config = { calendars: { office: { time_zone: 'Europe/London', hours: {} } } } as unknown as Config;
    assert.equal(workingCalendar(config, word), { kind: '24x7' });
  });
}

const site = suite('the built site: every path and API id once, whatever the config names');

/** A config whose service ids are the names the site uses for itself, and a group's component id. */
const CONFIG = `page: {name: Test Status, url: https://status.example.com, time_zone: Europe/London}
services:
  - {id: status, name: A service named status, group: Core}
  - {id: index, name: A service named index, group: Core}
  - {id: group-core, name: A service named as a group was, group: Core}
  - {id: group_core, name: never valid, group: Core}
  - {id: constructor, name: A service named constructor}
  - {id: services, name: A service named services}
  - {id: summary, name: A service named summary}
  - {id: unresolved, name: A service named unresolved}
priority_matrix:
  high: {high: P1, medium: P2, low: P3}
  medium: {high: P2, medium: P3, low: P4}
  low: {high: P3, medium: P4, low: P5}
approvers: {default: ["@alice"], services: {constructor: ["@bob"]}}
`;

site('a service id that is not a valid id (group_core) is refused by the schema: group ids have a character service ids cannot', () => {
  assert.throws(() => siteOf(CONFIG, {}, '2026-03-01T00:00:00Z'), /group_core/);
});

site("services named status, index, group-core, constructor…: the page's badge stays the page's, and each component id appears once", () => {
  const config = CONFIG.replace(/ {2}- \{id: group_core.*\n/, '');
  const files = siteOf(config, {}, '2026-03-01T00:00:00Z');
  assert.match(files.get('badges/status.svg')!, /aria-label="status: operational"/, "the page's own badge");
  assert.match(files.get('badges/services/status.svg')!, /aria-label="A service named status: operational"/);
  assert.ok(files.has('badges/services/index.svg') && files.has('badges/index.html'));
  const components: { id: string; group: boolean }[] = JSON.parse(files.get('api/v2/components.json')!).components;
  const ids = components.map((component) => component.id);
  assert.equal(ids, [...new Set(ids)], 'each component id once');
  assert.equal(
    components.filter((component) => component.group).map((component) => component.id),
    ['group_core'],
  );
  assert.ok(ids.includes('group-core'), 'the service keeps its own id');
});

lookups.run();
site.run();
