import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { ROOT, runCliCapturing } from './helpers/run-cli.js';
import { FakeGitHub } from './helpers/fake-github.js';
import { checkSlack, checkStatuspageWebhook, checkTeams, HttpReceiver, SmtpReceiver } from './helpers/announce-receivers.js';

const SECRET = 'test-signing-secret';

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

const ANNOUNCE = `announce:
  since: 2h
  remind_before: 1h
  channels:
    - {id: chat, type: slack, url_env: SLACK_URL}
    - {id: office, type: teams, url_env: TEAMS_URL}
    - {id: partners, type: webhook, url_env: HOOK_URL, secret_env: HOOK_SECRET}
    - {id: customers, type: email, smtp_env: SMTP_URL, from: "Example Status <status@example.test>", to: ["announce@lists.example.test"]}
`;

/** An open public incident on the API, reported at 10:00, with one update per message given (10:00, 10:10, …). */
function incident(id: string, messages: string[], extra = ''): string {
  const updates = messages
    .map(
      (message, index) =>
        `  - at: 2026-06-01T10:${String(index * 10).padStart(2, '0')}:00Z\n    status: investigating\n    message: ${JSON.stringify(message)}`,
    )
    .join('\n');
  return `---
id: ${id}
title: Errors on the public API
type: incident
status: investigating
impact: high
urgency: high
priority: P1
services:
  - {id: api, status: partial_outage}
visibility: public
started_at: 2026-06-01T09:55:00Z
reported_at: 2026-06-01T10:00:00Z
acknowledged_at: 2026-06-01T10:00:00Z
${extra}updates:
${updates}
---
Canary internal notes.
`;
}

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

interface World {
  root: string;
  state: string;
  slack: HttpReceiver;
  teams: HttpReceiver;
  hook: HttpReceiver;
  smtp: SmtpReceiver;
  env: Record<string, string>;
  run: (at: string, ...args: string[]) => ReturnType<typeof runCliCapturing>;
  close: () => Promise<void>;
}

/** A repository with the given records and announce section, and a receiver per channel. */
async function world(records: Record<string, string>, announce = ANNOUNCE): Promise<World> {
  const root = mkdtempSync(join(tmpdir(), 'incidents-announce-'));
  writeFileSync(join(root, 'incidents.config.yml'), `${CONFIG}${announce}`);
  mkdirSync(join(root, 'incidents'));
  for (const [name, text] of Object.entries(records)) writeFileSync(join(root, 'incidents', name), text);
  const [slack, teams, hook, smtp] = await Promise.all([
    HttpReceiver.start(checkSlack),
    HttpReceiver.start(checkTeams),
    HttpReceiver.start(checkStatuspageWebhook(SECRET)),
    SmtpReceiver.start(),
  ]);
  const env = { SLACK_URL: slack.url, TEAMS_URL: teams.url, HOOK_URL: hook.url, HOOK_SECRET: SECRET, SMTP_URL: smtp.url };
  const state = join(root, 'state.json');
  return {
    root,
    state,
    slack,
    teams,
    hook,
    smtp,
    env,
    run: (at, ...args) => runCliCapturing(['announce', '--root', root, '--state', state, '--at', at, ...args], { env }),
    close: async () => void (await Promise.all([slack.close(), teams.close(), hook.close(), smtp.close()])),
  };
}

/** How many messages each channel got. */
const counts = (w: World) => [w.slack.accepted.length, w.teams.accepted.length, w.hook.accepted.length, w.smtp.messages.length];
const noProblems = (w: World) => assert.equal([...w.slack.problems, ...w.teams.problems, ...w.hook.problems], []);

// ---------------------------------------------------------------------------------------------
const once = suite('announce: each event once per channel');

once('two runs deliver each event once per channel; a new update between runs gives one new message each', async () => {
  const w = await world({ 'INC-2026-0001.md': incident('INC-2026-0001', ['We are looking into errors.', 'We found the cause.']) });
  try {
    const first = await w.run('2026-06-01T10:30:00Z');
    assert.is(first.code, 0, first.stderr);
    // created (with its first update), a component change, the second update.
    assert.equal(counts(w), [3, 3, 3, 3]);
    const second = await w.run('2026-06-01T10:40:00Z');
    assert.is(second.code, 0, second.stderr);
    assert.equal(counts(w), [3, 3, 3, 3]);
    assert.match(second.stdout, /chat \(slack\): 0 sent/);

    writeFileSync(
      join(w.root, 'incidents/INC-2026-0001.md'),
      incident('INC-2026-0001', ['We are looking into errors.', 'We found the cause.', 'A fix is rolling out.']),
    );
    const third = await w.run('2026-06-01T10:45:00Z');
    assert.is(third.code, 0, third.stderr);
    assert.equal(counts(w), [4, 4, 4, 4]);
    assert.match(w.slack.accepted[3]!.body, /A fix is rolling out/);
    noProblems(w);
  } finally {
    await w.close();
  }
});

once('a channel failing for a whole run gets its messages on the next run; the others get nothing twice', async () => {
  const w = await world({ 'INC-2026-0001.md': incident('INC-2026-0001', ['We are looking into errors.']) });
  try {
    w.slack.fail = 503;
    w.smtp.fail = 451;
    const failed = await w.run('2026-06-01T10:30:00Z');
    assert.is(failed.code, 1, failed.stdout);
    assert.match(failed.stderr, /chat: not delivered after 3 attempts \(HTTP 503: no\); the next run tries again/);
    assert.match(failed.stderr, /customers: not delivered after 3 attempts/);
    assert.not.match(failed.stderr, new RegExp(w.slack.url.replace(/[.:/]/g, '\\$&')), 'the webhook URL (a secret) is never printed');
    assert.is(w.slack.attempts, 3, 'retried within the run, then stopped for the run');
    assert.equal(counts(w), [0, 2, 2, 0]);

    w.slack.fail = undefined;
    w.smtp.fail = undefined;
    const next = await w.run('2026-06-01T10:35:00Z');
    assert.is(next.code, 0, next.stderr);
    assert.equal(counts(w), [2, 2, 2, 2]);
    noProblems(w);
  } finally {
    await w.close();
  }
});

once('a 429 is retried within the run and delivered', async () => {
  const w = await world({ 'INC-2026-0001.md': incident('INC-2026-0001', ['We are looking into errors.']) });
  try {
    w.slack.fail = 429;
    w.slack.failCount = 2;
    const result = await w.run('2026-06-01T10:30:00Z');
    assert.is(result.code, 0, result.stderr);
    assert.is(w.slack.attempts, 2);
    assert.is(w.slack.accepted.length, 2);
  } finally {
    await w.close();
  }
});

for (const status of [401, 403, 404, 410]) {
  once(`a channel refused as a whole (HTTP ${status}, a revoked webhook) gives no message up: they wait for the fixed secret`, async () => {
    const w = await world(
      { 'INC-2026-0001.md': incident('INC-2026-0001', ['We are looking into errors.']) },
      ANNOUNCE.replace(/ {4}- \{id: office[\s\S]*$/, ''),
    );
    try {
      w.slack.fail = status;
      for (const at of ['2026-06-01T10:30:00Z', '2026-06-01T10:31:00Z', '2026-06-01T10:32:00Z', '2026-06-01T10:33:00Z']) {
        const result = await w.run(at);
        assert.is(result.code, 1);
        assert.match(result.stderr, new RegExp(`chat: the receiver refused the channel \\(HTTP ${status}: no\\): check its URL secret`));
      }
      w.slack.fail = undefined;
      const fixed = await w.run('2026-06-01T10:34:00Z');
      assert.is(fixed.code, 0, fixed.stderr);
      assert.is(w.slack.accepted.length, 2, 'both messages arrive once the channel works');
    } finally {
      await w.close();
    }
  });
}

once('a webhook URL with a user and password: sent as Basic authorization, and never printed', async () => {
  const w = await world({ 'INC-2026-0001.md': incident('INC-2026-0001', ['We are looking into errors.']) }, ANNOUNCE.replace(/ {4}- \{id: office[\s\S]*$/, ''));
  try {
    w.env.SLACK_URL = w.slack.url.replace('http://', 'http://bot:s3cr%40t-XYZ@');
    const result = await w.run('2026-06-01T10:30:00Z', '--format', 'json');
    assert.is(result.code, 0, result.stderr);
    assert.is(w.slack.accepted[0]!.headers.authorization, `Basic ${Buffer.from('bot:s3cr@t-XYZ').toString('base64')}`);
    w.slack.close();
    w.env.SLACK_URL = 'http://bot:s3cr%40t-XYZ@127.0.0.1:1/hook';
    writeFileSync(join(w.root, 'incidents', 'INC-2026-0001.md'), incident('INC-2026-0001', ['We are looking into errors.', 'Still.']));
    const failed = await w.run('2026-06-01T10:40:00Z', '--format', 'json');
    assert.is(failed.code, 1);
    assert.not.match(`${failed.stdout}${failed.stderr}`, /s3cr|XYZ|bot:/);
  } finally {
    await w.close();
  }
});

once('a 4xx is reported, tried on three runs, then given up and not sent again', async () => {
  const w = await world({ 'INC-2026-0001.md': incident('INC-2026-0001', ['We are looking into errors.']) }, ANNOUNCE.replace(/ {4}- \{id: office[\s\S]*$/, ''));
  try {
    w.slack.fail = 400;
    for (const [run, at] of ['2026-06-01T10:30:00Z', '2026-06-01T10:31:00Z', '2026-06-01T10:32:00Z'].entries()) {
      const result = await w.run(at);
      assert.is(result.code, 1);
      assert.match(
        result.stderr,
        new RegExp(`chat: the receiver refused the message \\(HTTP 400: no\\) \\(INC-2026-0001/created; refused on ${run + 1} of 3 runs`),
      );
    }
    assert.is(w.slack.attempts, 6, 'not retried within a run: one request per message per run');
    const after = await w.run('2026-06-01T10:33:00Z');
    assert.is(after.code, 0, after.stderr);
    assert.is(w.slack.attempts, 6);
    assert.match(after.stdout, /chat \(slack\): 0 sent, 2 given up/);
  } finally {
    await w.close();
  }
});

once('a secret that is not set fails that channel only, naming the variable and not any value', async () => {
  const w = await world({ 'INC-2026-0001.md': incident('INC-2026-0001', ['We are looking into errors.']) });
  try {
    delete w.env.TEAMS_URL;
    const result = await w.run('2026-06-01T10:30:00Z');
    assert.is(result.code, 1);
    assert.match(result.stderr, /office: the environment variable TEAMS_URL is not set: add it as a repository secret/);
    assert.equal(counts(w), [2, 0, 2, 2]);
  } finally {
    await w.close();
  }
});

once('in Actions, the state lives on the branch incidents-announce, made on the first run, and a second run sends nothing', async () => {
  const w = await world({ 'INC-2026-0001.md': incident('INC-2026-0001', ['We are looking into errors.']) });
  const github = await FakeGitHub.start({ owner: 'acme', repo: 'status', number: 1, author: 'alice', headSha: 'a'.repeat(40) });
  try {
    const env = { ...w.env, GITHUB_REPOSITORY: 'acme/status', GITHUB_API_URL: github.url, GITHUB_TOKEN: github.token, GITHUB_SHA: 'b'.repeat(40) };
    const run = (at: string) => runCliCapturing(['announce', '--root', w.root, '--at', at], { env });
    const first = await run('2026-06-01T10:30:00Z');
    assert.is(first.code, 0, first.stderr);
    assert.equal(counts(w), [2, 2, 2, 2]);
    assert.ok(
      github.commits.some((commit) => commit.startsWith('incidents-announce announce-state.json ')),
      'the state is committed on its branch',
    );
    const state = JSON.parse(github.branches.get('incidents-announce')!.files.get('announce-state.json')!) as {
      channels: Record<string, { delivered: Record<string, string> }>;
    };
    assert.equal(Object.keys(state.channels.partners!.delivered), ['INC-2026-0001/created', 'INC-2026-0001/update/0/component/api']);
    const second = await run('2026-06-01T10:40:00Z');
    assert.is(second.code, 0, second.stderr);
    assert.equal(counts(w), [2, 2, 2, 2]);
    assert.equal(github.problems, []);
    assert.ok(github.requests.filter((request) => request.startsWith('PUT ')).length >= 8, 'remembered after each message, not once at the end');
  } finally {
    await Promise.all([w.close(), github.close()]);
  }
});

once('in a workflow run: secrets masked, a row per channel in the job summary, the sent and failed outputs', async () => {
  const w = await world({ 'INC-2026-0001.md': incident('INC-2026-0001', ['We are looking into errors.']) });
  try {
    w.teams.fail = 500;
    const summary = join(w.root, 'summary.md');
    const output = join(w.root, 'output.txt');
    writeFileSync(summary, '');
    writeFileSync(output, '');
    const env = { ...w.env, GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: summary, GITHUB_OUTPUT: output };
    const result = await runCliCapturing(['announce', '--root', w.root, '--state', w.state, '--at', '2026-06-01T10:30:00Z', '--format', 'github'], { env });
    assert.is(result.code, 1);
    for (const secret of [w.slack.url, w.teams.url, w.hook.url, SECRET, w.smtp.url]) {
      assert.ok(result.stdout.includes(`::add-mask::${secret}\n`), `${secret} is masked`);
      assert.not.ok(result.stdout.replaceAll(`::add-mask::${secret}\n`, '').includes(secret), 'and never printed otherwise');
      assert.not.ok(result.stderr.includes(secret));
    }
    assert.match(readFileSync(summary, 'utf8'), /\| office \| teams \| 0 \| 0 \| 1 \| 0 \|/);
    assert.match(readFileSync(output, 'utf8'), /^sent<<ghadelimiter_[\s\S]*\n6\n[\s\S]*^failed<<ghadelimiter_[\s\S]*\n1\n/m);
  } finally {
    await w.close();
  }
});

once('a token that cannot write the state branch stops the run before anything is sent, saying so (exit 2)', async () => {
  const w = await world({ 'INC-2026-0001.md': incident('INC-2026-0001', ['We are looking into errors.']) });
  const github = await FakeGitHub.start({ owner: 'acme', repo: 'status', number: 1, author: 'alice', headSha: 'a'.repeat(40) });
  try {
    github.readOnly = true;
    const env = { ...w.env, GITHUB_REPOSITORY: 'acme/status', GITHUB_API_URL: github.url, GITHUB_TOKEN: github.token, GITHUB_SHA: 'b'.repeat(40) };
    const result = await runCliCapturing(['announce', '--root', w.root, '--at', '2026-06-01T10:30:00Z'], { env });
    assert.is(result.code, 2);
    assert.match(
      result.stderr,
      /cannot save announce-state\.json on branch incidents-announce \(POST \/repos\/acme\/status\/git\/refs: HTTP 403[^)]*\): the job needs permissions: contents: write\. The run stops/,
    );
    assert.equal(counts(w), [0, 0, 0, 0], 'the first save (the first run of the first channel) fails before a message goes out');
  } finally {
    await Promise.all([w.close(), github.close()]);
  }
});

// ---------------------------------------------------------------------------------------------
const clock = suite('announce: maintenance from the clock alone');

clock('scheduled, reminder, started and completed fire as the clock moves, with no commit', async () => {
  const w = await world({ 'INC-2026-0002.md': MAINTENANCE }, ANNOUNCE.replace(/ {4}- \{id: office[\s\S]*$/, ''));
  const headlines = () => w.slack.accepted.map((received) => (received.json as { blocks: { text?: { text: string } }[] }).blocks[0]!.text!.text);
  try {
    for (const at of [
      '2026-06-01T08:30:00Z',
      '2026-06-01T20:00:00Z',
      '2026-06-02T05:10:00Z',
      '2026-06-02T05:50:00Z',
      '2026-06-02T06:10:00Z',
      '2026-06-02T06:20:00Z',
      '2026-06-02T07:30:00Z',
      '2026-06-02T09:00:00Z',
    ]) {
      const result = await w.run(at);
      assert.is(result.code, 0, result.stderr);
    }
    assert.equal(headlines(), [
      'Maintenance scheduled: Database upgrade',
      'Maintenance starts soon: Database upgrade',
      'Maintenance started: Database upgrade',
      'Maintenance completed: Database upgrade',
    ]);
  } finally {
    await w.close();
  }
});

// ---------------------------------------------------------------------------------------------
const filters = suite('announce: filters and the first run');

filters('a channel takes only its services and its kinds of event', async () => {
  const announce = `announce:
  since: 100h
  channels:
    - {id: web-only, type: slack, url_env: SLACK_URL, services: [web]}
    - {id: components, type: teams, url_env: TEAMS_URL, events: [component]}
    - {id: api-incidents, type: webhook, url_env: HOOK_URL, secret_env: HOOK_SECRET, services: [api], events: [incident]}
`;
  const w = await world({ 'INC-2026-0001.md': incident('INC-2026-0001', ['We are looking into errors.']), 'INC-2026-0002.md': MAINTENANCE }, announce);
  try {
    const result = await w.run('2026-06-01T10:30:00Z', '--format', 'json');
    assert.is(result.code, 0, result.stderr);
    const report = JSON.parse(result.stdout) as { channels: { id: string; sent: string[] }[] };
    assert.equal(
      report.channels.map((channel) => [channel.id, channel.sent]),
      [
        ['web-only', ['INC-2026-0002/scheduled']],
        ['components', ['INC-2026-0001/update/0/component/api']],
        ['api-incidents', ['INC-2026-0001/created']],
      ],
    );
    assert.equal(counts(w), [1, 1, 1, 0]);
  } finally {
    await w.close();
  }
});

filters('the first run sends only events newer than since and remembers the older ones unsent', async () => {
  const messages = ['One.', 'Two.', 'Three.', 'Four.', 'Five.'];
  const w = await world({ 'INC-2026-0001.md': incident('INC-2026-0001', messages) }, ANNOUNCE.replace('since: 2h', 'since: 15m'));
  try {
    const result = await w.run('2026-06-01T10:50:00Z');
    assert.is(result.code, 0, result.stderr);
    // 10:40 (Five.) only; 10:00–10:30 are older than 15 minutes.
    assert.equal(counts(w), [1, 1, 1, 1]);
    assert.match(w.slack.accepted[0]!.body, /Five\./);
    const state = JSON.parse(readFileSync(w.state, 'utf8')) as { channels: Record<string, { skipped: Record<string, string> }> };
    assert.equal(Object.keys(state.channels.chat!.skipped).sort(), [
      'INC-2026-0001/created',
      'INC-2026-0001/update/0/component/api',
      'INC-2026-0001/update/1',
      'INC-2026-0001/update/2',
      'INC-2026-0001/update/3',
    ]);
    const again = await w.run('2026-06-01T12:00:00Z');
    assert.is(again.code, 0);
    assert.equal(counts(w), [1, 1, 1, 1]);
  } finally {
    await w.close();
  }
});

filters('--dry-run lists what would be sent, and sends and remembers nothing', async () => {
  const w = await world({ 'INC-2026-0001.md': incident('INC-2026-0001', ['We are looking into errors.']) });
  try {
    const result = await w.run('2026-06-01T10:30:00Z', '--dry-run');
    assert.is(result.code, 0, result.stderr);
    assert.match(result.stdout, /chat \(slack\): 2 to send\n {2}would send INC-2026-0001\/created: New incident: Errors on the public API\n/);
    assert.equal(counts(w), [0, 0, 0, 0]);
    assert.not.ok(existsSync(w.state));
  } finally {
    await w.close();
  }
});

// ---------------------------------------------------------------------------------------------
const payloads = suite('announce: payloads');

payloads('mentions and markup written in a record are neutralised in Slack', async () => {
  const record = incident('INC-2026-0001', ['Hey <!channel> and <!here>, ping <@U123ABC> and @everyone, see <https://evil.test|this> & more.']).replace(
    'title: Errors on the public API',
    'title: "Errors <!here> on the API <@U999>"',
  );
  const w = await world({ 'INC-2026-0001.md': record });
  try {
    assert.is((await w.run('2026-06-01T10:30:00Z')).code, 0);
    const body = w.slack.accepted[0]!.body;
    for (const mention of ['<!channel>', '<!here>', '<@U123ABC>', '<https://evil.test|this>', '@everyone'])
      assert.not.ok(body.includes(mention), `${mention} is neutralised`);
    for (const shown of ['&lt;!here&gt;', '&lt;@U999&gt;', '&lt;@U123ABC&gt;', '&amp; more', '@\u200beveryone'])
      assert.ok(body.includes(shown), `${shown} in ${body}`);
    noProblems(w);
  } finally {
    await w.close();
  }
});

payloads('webhook payloads are Statuspage-shaped and signed; email is threaded per incident with text and HTML parts', async () => {
  const w = await world({ 'INC-2026-0001.md': incident('INC-2026-0001', ['We are looking into **errors**.', 'We found the cause.']) });
  try {
    assert.is((await w.run('2026-06-01T10:30:00Z')).code, 0);
    noProblems(w);
    const [created, component, update] = w.hook.accepted.map((received) => received.json as Record<string, Record<string, unknown>>);
    assert.is(created!.incident!.id, 'INC-2026-0001');
    assert.is((created!.incident!.incident_updates as unknown[]).length, 1, 'as of the update announced');
    assert.equal(component!.component_update!.new_status, 'partial_outage');
    assert.equal(
      (update!.incident!.incident_updates as { body: string }[]).map((entry) => entry.body),
      ['We found the cause.', 'We are looking into errors.'],
    );
    assert.is(w.hook.accepted[0]!.headers['x-incidents-event'], 'INC-2026-0001/created');

    const [first, second] = await w.smtp.parsed();
    assert.is(first!.messageId, '<INC-2026-0001@status.example.test>');
    assert.is(second!.inReplyTo, '<INC-2026-0001@status.example.test>');
    assert.equal(second!.references, '<INC-2026-0001@status.example.test>');
    assert.match(w.smtp.messages[0]!.raw, /^List-ID: "Example Status" <example-status\.status\.example\.test>\r$/m);
    assert.match(first!.text ?? '', /We are looking into errors\.\n[\s\S]*https:\/\/status\.example\.test\/incidents\/INC-2026-0001\.html/);
    assert.match(String(first!.html), /<strong>errors<\/strong>/);
    assert.match(String(first!.html), /<a href="https:\/\/status\.example\.test\/incidents\/INC-2026-0001\.html">/);
    assert.equal(w.smtp.messages[0]!.to, ['announce@lists.example.test']);
  } finally {
    await w.close();
  }
});

payloads('nothing internal reaches any channel (canary records)', async () => {
  const root = mkdtempSync(join(tmpdir(), 'incidents-announce-canary-'));
  cpSync(join(ROOT, 'test/fixtures/site/canary'), root, { recursive: true });
  const config = readFileSync(join(root, 'incidents.config.yml'), 'utf8');
  writeFileSync(join(root, 'incidents.config.yml'), `${config}\n${ANNOUNCE.replace('since: 2h', 'since: 8000h')}`);
  const [slack, teams, hook, smtp] = await Promise.all([
    HttpReceiver.start(checkSlack),
    HttpReceiver.start(checkTeams),
    HttpReceiver.start(checkStatuspageWebhook(SECRET)),
    SmtpReceiver.start(),
  ]);
  try {
    const env = { SLACK_URL: slack.url, TEAMS_URL: teams.url, HOOK_URL: hook.url, HOOK_SECRET: SECRET, SMTP_URL: smtp.url };
    const result = await runCliCapturing(['announce', '--root', root, '--state', join(root, 'state.json'), '--at', '2026-11-23T12:30:00Z'], { env });
    assert.is(result.code, 0, result.stderr);
    const bodies = [
      ...[slack, teams, hook].flatMap((receiver) => receiver.accepted.map((received) => received.body)),
      ...smtp.messages.map((message) => message.raw),
    ];
    assert.ok(bodies.length > 20, `every channel got the public events (${bodies.length})`);
    const leaked = bodies
      .filter((body) => /canary/i.test(body))
      .map((body) => body.slice(Math.max(0, body.search(/canary/i) - 80), body.search(/canary/i) + 40));
    assert.equal(leaked, []);
    const everything = bodies.join('\n');
    for (const text of [
      'Public-marker outage of the API',
      'Public-marker update four.',
      'Public-marker summary of what happened.',
      'Public-marker scheduled maintenance',
    ])
      assert.ok(everything.includes(text), `announced: ${text}`);
    assert.equal([...slack.problems, ...teams.problems, ...hook.problems], []);
  } finally {
    await Promise.all([slack.close(), teams.close(), hook.close(), smtp.close()]);
  }
});

payloads('the Subscribe section lists the channels the config marks public, with their join links', async () => {
  const announce = `${ANNOUNCE}    - {id: list, type: email, smtp_env: SMTP_URL, from: status@example.test, to: [list@example.test], public: true, name: "The <status> list", join_url: "https://lists.example.test/join?a=1&b=2"}\n`;
  const w = await world({ 'INC-2026-0001.md': incident('INC-2026-0001', ['We are looking into errors.']) }, announce);
  try {
    const out = join(w.root, 'site');
    const built = await runCliCapturing(['build', '--root', w.root, '--out', out, '--at', '2026-06-01T10:30:00Z']);
    assert.is(built.code, 0, built.stderr);
    const index = readFileSync(join(out, 'index.html'), 'utf8');
    const subscribe = index.slice(index.indexOf('id="subscribe"'), index.indexOf('</section>', index.indexOf('id="subscribe"')));
    assert.match(
      subscribe,
      /<li>Announcements by email: <a href="https:\/\/lists\.example\.test\/join\?a=1&amp;b=2" rel="noopener">The &lt;status&gt; list<\/a><\/li>/,
    );
    assert.not.match(subscribe, /chat|office|partners|customers/, 'channels not marked public are not listed');
  } finally {
    await w.close();
  }
});

const usage = suite('announce: usage and config errors');

usage('exit 2 with a clear message, nothing sent: no page.url, records with errors, a broken state, nowhere to remember', async () => {
  const w = await world({ 'INC-2026-0001.md': incident('INC-2026-0001', ['We are looking into errors.']) });
  try {
    writeFileSync(w.state, '{"version": 1, "channels": {"chat": []}}');
    const broken = await w.run('2026-06-01T10:30:00Z');
    assert.is(broken.code, 2);
    assert.match(broken.stderr, /the state file .*state\.json cannot be used: channels\.chat is not an object\. Fix or remove it/);

    const nowhere = await runCliCapturing(['announce', '--root', w.root, '--at', '2026-06-01T10:30:00Z'], { env: w.env });
    assert.is(nowhere.code, 2);
    assert.match(nowhere.stderr, /there is nowhere to remember what was delivered: pass --state FILE, or run it in GitHub Actions/);

    writeFileSync(
      join(w.root, 'incidents/INC-2026-0009.md'),
      incident('INC-2026-0009', ['x']).replace('status: investigating\nimpact', 'status: bogus\nimpact'),
    );
    const records = await runCliCapturing(['announce', '--root', w.root, '--state', join(w.root, 'other.json'), '--at', '2026-06-01T10:30:00Z'], {
      env: w.env,
    });
    assert.is(records.code, 2);
    assert.match(records.stdout, /incidents\/INC-2026-0009\.md:5:9: .*status/);
    assert.match(records.stderr, /Nothing is announced: the records above have errors/);

    rmSync(join(w.root, 'incidents/INC-2026-0009.md'));
    writeFileSync(join(w.root, 'incidents.config.yml'), `${CONFIG.replace(', url: "https://status.example.test"', '')}${ANNOUNCE}`);
    const noUrl = await runCliCapturing(['announce', '--root', w.root, '--state', join(w.root, 'other.json'), '--at', '2026-06-01T10:30:00Z'], { env: w.env });
    assert.is(noUrl.code, 2);
    assert.match(noUrl.stdout, /incidents\.config\.yml:1:\d+: The config has no page\.url: announcements link to the page, so .*\(announce\/page-url\)/);
    assert.equal(counts(w), [0, 0, 0, 0]);
  } finally {
    await w.close();
  }
});

usage('a config without announce has nothing to do', async () => {
  const w = await world({}, '');
  try {
    const result = await w.run('2026-06-01T10:30:00Z');
    assert.is(result.code, 0);
    assert.match(result.stderr, /the config has no announce section, so there is nowhere to announce to/);
  } finally {
    await w.close();
  }
});

for (const test of [once, clock, filters, payloads, usage]) test.run();
