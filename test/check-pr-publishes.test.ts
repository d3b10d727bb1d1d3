import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { FileEdits } from './helpers/git-repo.js';
import { makePullRequestRepo } from './helpers/git-repo.js';
import { checkPr, edit, INC1, INC2, INC3, maintenance, read, RESOLVE_INC1, runCheckPr, updateInc1 } from './helpers/pull-request-cases.js';
import { ROOT } from './helpers/run-cli.js';
import { formatPublishes, plain } from '../scripts/render/publishes.js';
import { truncateComment } from '../scripts/render/findings.js';

/** check-pr's `publishes`, as docs/reference.md (JSON shapes) gives it. */
interface Publishes {
  incidents: { id: string; title: string; status: string; impact: string; started_at: string; services: { id: string; name: string; status: string }[] }[];
  updates: {
    incident: string;
    title: string;
    at: string;
    status: string;
    message: string;
    html: string;
    components: { id: string; name: string; from: string; to: string }[];
  }[];
  components: { id: string; name: string; from: string | null; to: string }[];
  maintenances: {
    id: string;
    title: string;
    status: string;
    change: 'new' | 'changed';
    scheduled_for: string | null;
    scheduled_until: string | null;
    services: { id: string; name: string; status: string }[];
  }[];
}

/** check-pr --format json on a fresh repository; returns its `publishes` and exit code. */
async function publishesOf(head: FileEdits, base: FileEdits = {}) {
  const result = await checkPr(head, { base });
  return { ...result, publishes: (result.verdict as unknown as { publishes: Publishes | null }).publishes };
}

/** A record of the check-pr fixture's repository, as text. */
function incident({
  id,
  title,
  status = 'investigating',
  service = 'reports',
  state = 'degraded_performance',
  visibility = 'public',
  message = 'Exports fail for some customers.',
}: {
  id: string;
  title: string;
  status?: string;
  service?: string;
  state?: string;
  visibility?: string;
  message?: string;
}): FileEdits {
  return {
    [`incidents/${id}.md`]: `---
id: ${id}
title: ${title}
type: incident
status: ${status}
impact: low
urgency: high
priority: P3
services:
  - id: ${service}
    status: ${state}
visibility: ${visibility}
reported_at: 2026-03-02T10:00:00Z
acknowledged_at: 2026-03-02T10:05:00Z
updates:
  - at: 2026-03-02T10:05:00Z
    status: ${status}
    message: ${JSON.stringify(message)}
---
Working notes: nothing here is public.
`,
  };
}

/** A message written to do harm on the page and in the pull request's comment. */
const HOSTILE =
  'Fixed <img src=x onerror=alert(1)><script>alert(2)</script> [click](javascript:alert(3)) ![](https://tracker.example/pixel.gif) thanks @alice and @acme/oncall\n\n::error::injected\n\n# Heading';

interface Case {
  name: string;
  head: FileEdits;
  base?: FileEdits;
  /** What `publishes` holds, in brief: incident ids, `id@at status` of updates, `id from→to` of services, `id change` of maintenances. */
  expected: { incidents: string[]; updates: string[]; components: string[]; maintenances: string[] };
}

const NOTHING = { incidents: [], updates: [], components: [], maintenances: [] };

/** What merging publishes, through the real gate on real git repositories (fixture: test/fixtures/check-pr/base). */
const CASES: Case[] = [
  { name: 'no change to what is public: a note in the body', head: { [INC1]: `${read(INC1)}More notes.\n` }, expected: NOTHING },
  {
    name: 'a new public incident',
    head: incident({ id: 'INC-2026-0004', title: 'Exports fail' }),
    expected: {
      incidents: ['INC-2026-0004'],
      updates: ['INC-2026-0004@2026-03-02T10:05:00Z investigating'],
      components: ['reports operational→degraded_performance'],
      maintenances: [],
    },
  },
  {
    name: 'a new update on an existing incident, its states unchanged',
    head: updateInc1('We found the cause.'),
    expected: { incidents: [], updates: ['INC-2026-0001@2026-03-01T10:30:00Z identified'], components: [], maintenances: [] },
  },
  {
    name: 'a component change: the API from partial to major outage',
    head: updateInc1('Card payments fail for everyone now.', 'major_outage'),
    expected: {
      incidents: [],
      updates: ['INC-2026-0001@2026-03-01T10:30:00Z identified'],
      components: ['api partial_outage→major_outage'],
      maintenances: [],
    },
  },
  {
    name: 'an internal incident publishes nothing',
    head: incident({ id: 'INC-2026-0004', title: 'Canary internal outage', visibility: 'internal', state: 'major_outage' }),
    expected: NOTHING,
  },
  {
    name: 'an internal incident made public shows with all its updates',
    head: edit(INC3, ['visibility: internal', 'visibility: public']),
    expected: {
      incidents: ['INC-2026-0003'],
      updates: [
        'INC-2026-0003@2026-01-10T08:10:00Z investigating',
        'INC-2026-0003@2026-01-10T12:00:00Z resolved',
        'INC-2026-0003@2026-01-11T09:00:00Z resolved',
      ],
      components: [],
      maintenances: [],
    },
  },
  {
    name: 'a maintenance scheduled',
    head: maintenance(),
    expected: { incidents: [], updates: ['INC-2026-0004@2026-11-20T16:00:00Z scheduled'], components: [], maintenances: ['INC-2026-0004 new'] },
  },
  {
    name: "a maintenance's window moved",
    base: maintenance(),
    head: maintenance('2026-12-05T09:00:00Z'),
    expected: { incidents: [], updates: [], components: [], maintenances: ['INC-2026-0004 changed'] },
  },
  {
    name: 'a resolution: the API back to operational, with its update',
    head: RESOLVE_INC1,
    expected: { incidents: [], updates: ['INC-2026-0001@2026-03-01T11:00:00Z resolved'], components: ['api partial_outage→operational'], maintenances: [] },
  },
  {
    // INC-2026-0005 is not read for the gate's checks (nothing names it): the preview reads it.
    name: 'another open incident the pull request does not touch keeps the API down',
    base: incident({ id: 'INC-2026-0005', title: 'API slow', service: 'api', state: 'major_outage' }),
    head: RESOLVE_INC1,
    expected: { incidents: [], updates: ['INC-2026-0001@2026-03-01T11:00:00Z resolved'], components: [], maintenances: [] },
  },
  {
    name: 'another open incident the pull request does not touch: the API ends at its state',
    base: incident({ id: 'INC-2026-0005', title: 'API slow', service: 'api', state: 'degraded_performance' }),
    head: RESOLVE_INC1,
    expected: {
      incidents: [],
      updates: ['INC-2026-0001@2026-03-01T11:00:00Z resolved'],
      components: ['api partial_outage→degraded_performance'],
      maintenances: [],
    },
  },
  {
    name: 'another open incident that spells the service id with a YAML escape still counts',
    base: incident({ id: 'INC-2026-0005', title: 'API slow', service: '"ap\\x69"', state: 'major_outage' }),
    head: RESOLVE_INC1,
    expected: { incidents: [], updates: ['INC-2026-0001@2026-03-01T11:00:00Z resolved'], components: [], maintenances: [] },
  },
  {
    name: 'another incident on the API, resolved or internal, weighs nothing',
    base: {
      ...incident({ id: 'INC-2026-0005', title: 'API slow', service: 'api', state: 'major_outage', status: 'resolved' }),
      ...incident({ id: 'INC-2026-0006', title: 'API down', service: 'api', state: 'major_outage', visibility: 'internal' }),
    },
    head: RESOLVE_INC1,
    expected: { incidents: [], updates: ['INC-2026-0001@2026-03-01T11:00:00Z resolved'], components: ['api partial_outage→operational'], maintenances: [] },
  },
  {
    name: 'a service the config adds is new on the page',
    head: edit('incidents.config.yml', [
      '  - {id: reports, name: Reports, group: Back office}',
      '  - {id: reports, name: Reports, group: Back office}\n  - {id: search, name: Search}',
    ]),
    expected: { incidents: [], updates: [], components: ['search null→operational'], maintenances: [] },
  },
  {
    name: 'an incident resolved long ago gains a public update',
    head: edit(INC2, [
      'message: Pages load normally again.',
      'message: Pages load normally again.\n  - at: 2026-02-02T10:00:00Z\n    status: resolved\n    message: The cause was a CDN rule.',
    ]),
    expected: { incidents: [], updates: ['INC-2026-0002@2026-02-02T10:00:00Z resolved'], components: [], maintenances: [] },
  },
];

const cases = suite('check-pr --format json: publishes, through the gate on real git repositories');

for (const { name, head, base, expected } of CASES) {
  cases(name, async () => {
    const { publishes, verdict } = await publishesOf(head, base);
    assert.ok(publishes, `publishes is null: ${JSON.stringify(verdict.findings)}`);
    assert.equal(
      {
        incidents: publishes.incidents.map((entry) => entry.id),
        updates: publishes.updates.map((entry) => `${entry.incident}@${entry.at} ${entry.status}`),
        components: publishes.components.map((entry) => `${entry.id} ${entry.from}→${entry.to}`),
        maintenances: publishes.maintenances.map((entry) => `${entry.id} ${entry.change}`),
      },
      expected,
    );
  });
}

cases('the shape: every field of a new incident, its update and its service', async () => {
  const { publishes } = await publishesOf(incident({ id: 'INC-2026-0004', title: 'Exports fail', message: 'Exports *fail* for some customers.' }));
  assert.equal(publishes, {
    incidents: [
      {
        id: 'INC-2026-0004',
        title: 'Exports fail',
        status: 'investigating',
        impact: 'minor',
        started_at: '2026-03-02T10:00:00Z',
        services: [{ id: 'reports', name: 'Reports', status: 'degraded_performance' }],
      },
    ],
    updates: [
      {
        incident: 'INC-2026-0004',
        title: 'Exports fail',
        at: '2026-03-02T10:05:00Z',
        status: 'investigating',
        message: 'Exports fail for some customers.',
        html: '<p>Exports <em>fail</em> for some customers.</p>',
        components: [],
      },
    ],
    components: [{ id: 'reports', name: 'Reports', from: 'operational', to: 'degraded_performance' }],
    maintenances: [],
  });
});

cases("a maintenance's fields", async () => {
  const { publishes } = await publishesOf(maintenance());
  assert.equal(publishes!.maintenances, [
    {
      id: 'INC-2026-0004',
      title: 'Reports database upgrade',
      status: 'scheduled',
      change: 'new',
      scheduled_for: '2026-12-05T06:00:00Z',
      scheduled_until: '2026-12-05T08:00:00Z',
      services: [{ id: 'reports', name: 'Reports', status: 'under_maintenance' }],
    },
  ]);
});

cases("an update's own state changes, as the incident page shows them", async () => {
  const { publishes } = await publishesOf(updateInc1('Worse.', 'major_outage'));
  // The first update records the states the API had (as update --service writes them): this one changes them.
  assert.equal(publishes!.updates[0]!.components, [{ id: 'api', name: 'API', from: 'partial_outage', to: 'major_outage' }]);
});

cases('a hostile message: its HTML is what the page shows, sanitized', async () => {
  const { publishes } = await publishesOf(updateInc1(HOSTILE));
  const { html, message } = publishes!.updates[0]!;
  for (const bad of ['<script', 'onerror', 'javascript:']) assert.not.ok(html.includes(bad), `${bad} in ${html}`);
  assert.not.match(message, /<|onerror|javascript/, 'the text holds no HTML either');
  assert.match(html, /^<p>Fixed /);
  assert.match(html, /<h1>Heading<\/h1>/);
});

cases('a head with errors publishes null: no site can be built from it', async () => {
  const { publishes, errors } = await publishesOf(edit(INC1, ['status: investigating\nimpact', 'status: sideways\nimpact']));
  assert.ok(errors.length > 0);
  assert.is(publishes, null);
});

cases('a change needing an approval still shows what it publishes (the approval is of these words)', async () => {
  const { publishes, errors } = await publishesOf(RESOLVE_INC1);
  assert.equal(errors, ['lifecycle/approval incidents/INC-2026-0001.md:5']);
  assert.is(publishes!.updates[0]!.message, 'Card payments work again.');
});

// ---------------------------------------------------------------------------------------------
const canary = suite('check-pr publishes nothing internal (test/fixtures/site/canary)');

const CANARY = join(ROOT, 'test/fixtures/site/canary');

canary('every canary record added in one pull request: publishes holds the public markers and never "canary"', async () => {
  const records = ['incidents', 'known-errors', 'problems'].flatMap((folder) => readdirSync(join(CANARY, folder)).map((name) => `${folder}/${name}`));
  const removed = Object.fromEntries(records.map((path) => [path, null]));
  const added = Object.fromEntries(records.map((path) => [path, readFileSync(join(CANARY, path), 'utf8')]));
  const repo = makePullRequestRepo(CANARY, removed, added);
  const { verdict } = await runCheckPr(repo.dir);
  const publishes = (verdict as unknown as { publishes: Publishes | null }).publishes;
  assert.ok(publishes, JSON.stringify(verdict.findings));
  const text = JSON.stringify(publishes);
  assert.not.match(text, /canary/i);
  for (const marker of ['Public-marker outage of the API', 'Public-marker update four.', 'Public-marker scheduled maintenance', 'Public-marker API'])
    assert.ok(text.includes(marker), `publishes shows "${marker}"`);
  const section = formatPublishes({ publishes: toCore(publishes), timeZone: 'Europe/London' });
  assert.not.match(section, /canary/i);
  assert.match(section, /Public\\-marker update four\\\./);
});

/** The JSON back into the core's shape, to format the comment's section from what check-pr found. */
function toCore(publishes: Publishes): Parameters<typeof formatPublishes>[0] extends infer P ? (P extends { publishes: infer Q } ? Q : never) : never {
  return {
    incidents: publishes.incidents.map(({ started_at, ...rest }) => ({ ...rest, startedAt: started_at })),
    updates: publishes.updates.map(({ html: _html, ...rest }) => rest),
    components: publishes.components,
    maintenances: publishes.maintenances.map(({ scheduled_for, scheduled_until, ...rest }) => ({
      ...rest,
      ...(scheduled_for ? { scheduledFor: scheduled_for } : {}),
      ...(scheduled_until ? { scheduledUntil: scheduled_until } : {}),
    })),
  } as never;
}

// ---------------------------------------------------------------------------------------------
const markdown = suite("the comment's Markdown shows untrusted text as text");

const PLAIN_CASES: { name: string; input: string; expected: string }[] = [
  { name: 'a sentence', input: 'Card payments work again', expected: 'Card payments work again' },
  { name: 'emphasis and code', input: '*bold* _it_ `code`', expected: '\\*bold\\* \\_it\\_ \\`code\\`' },
  { name: 'raw HTML', input: '<img src=x onerror=alert(1)>', expected: '\\<img src\\=x onerror\\=alert\\(1\\)\\>' },
  { name: 'an image that tracks', input: '![](https://t.example/p.gif)', expected: '\\!\\[\\]\\(https\\:\\/\\/t\\.example\\/p\\.gif\\)' },
  { name: 'a mention and a team', input: 'ask @alice or @acme/oncall', expected: 'ask \\@\u2060alice or \\@\u2060acme\\/oncall' },
  { name: 'an e-mail address stays one', input: 'ops@example.com', expected: 'ops\\@\u2060example\\.com' },
  { name: 'a heading, a list, a quote', input: '# Title', expected: '\\# Title' },
  { name: 'leading spaces (a code block)', input: '    indented', expected: 'indented' },
  { name: 'a line break', input: 'one\ntwo', expected: 'one two' },
];

for (const { name, input, expected } of PLAIN_CASES) markdown(name, () => assert.is(plain(input), expected));

markdown('a cut comment stays within the limit and says so', () => {
  const body = Array.from({ length: 5000 }, (_, index) => `line ${index} ${'x'.repeat(20)}`).join('\n');
  const cut = truncateComment(body, 65_000);
  assert.ok(cut.length <= 65_000, String(cut.length));
  assert.match(cut, /This comment is cut short/);
  assert.ok(body.startsWith(cut.slice(0, cut.indexOf('\n\n_This comment'))), 'cut at a whole line');
  assert.is(truncateComment('short', 65_000), 'short');
  const long = `> ${'word '.repeat(20_000)}`;
  const atSpace = truncateComment(long, 65_000);
  assert.ok(atSpace.length <= 65_000 && atSpace.length > 63_000, String(atSpace.length));
  assert.match(atSpace, /word\n\n_This comment is cut short/, 'a long line is cut at a space');
  const emoji = truncateComment(`a${'😀'.repeat(40_000)}`, 65_000);
  assert.not.match(emoji.slice(0, emoji.indexOf('\n')), /[\uD800-\uDBFF]$/, 'no half of a character');
});

cases.run();
canary.run();
markdown.run();
