import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { publicEvents } from '../scripts/core/announce/events.js';
import { writeSite } from '../scripts/io/write-site.js';
import { renderAnnouncementEmail } from '../scripts/render/announce/email.js';
import { renderSlackMessage } from '../scripts/render/announce/slack.js';
import { renderStatuspageWebhook } from '../scripts/render/announce/statuspage-webhook.js';
import { renderTeamsMessage } from '../scripts/render/announce/teams.js';
import { LOCAL_TIMES } from '../scripts/render/site/layout.js';
import { ROOT, runCliCapturing } from './helpers/run-cli.js';
import { modelOf, readTree, repositoryFiles, siteOf } from './helpers/site.js';

const AT = '2026-11-23T12:30:00Z';
const CANARY = join(ROOT, 'test/fixtures/site/canary');
const temporary = (name: string) => mkdtempSync(join(tmpdir(), `incidents-${name}-`));
const sample = repositoryFiles(ROOT);

async function build(root: string, out: string, at = AT) {
  return runCliCapturing(['build', '--root', root, '--out', out, '--at', at]);
}

// ---------------------------------------------------------------------------------------------
const leaks = suite('only public data leaves the repository');

leaks('no output file holds any internal field, body, internal or cancelled record (canary search)', async () => {
  const out = join(temporary('canary'), 'site');
  const result = await build(CANARY, out);
  assert.is(result.code, 0, result.stderr);
  const files = readTree(out);
  const leaked = [...files]
    .filter(([, content]) => /canary/i.test(content))
    .map(([path, content]) => `${path}: …${content.slice(Math.max(0, content.search(/canary/i) - 60), content.search(/canary/i) + 40)}…`);
  assert.equal(leaked, []);
  // A problem (problems/PRB-0001.md, a canary in every field, valid so the build reads it) is internal through and through: not even its id.
  assert.is((await runCliCapturing(['validate', '--root', CANARY])).code, 0, 'every canary record is valid');
  assert.equal(
    [...files].filter(([, content]) => /PRB-\d{4}/.test(content)).map(([path]) => path),
    [],
  );
  // The search would pass on an empty site; the public text must be there.
  const everything = [...files.values()].join('\n');
  for (const text of [
    'Public-marker outage of the API',
    'Public-marker update four.',
    'Public-marker summary of what happened.',
    'Public-marker workaround.',
    'Public-marker scheduled maintenance',
    'Public-marker description',
  ]) {
    assert.ok(everything.includes(text), `the site shows "${text}"`);
  }
  // Text that renders to nothing on the pages (comments, link reference definitions, raw HTML)
  // reaches no other output either: the API and the calendar carry the pages' plain text.
  const api = JSON.parse(files.get('api/v2/incidents.json')!) as {
    incidents: { id: string; incident_updates: { body: string }[]; postmortem_body?: string }[];
  };
  const first = api.incidents.find((incident) => incident.id === 'INC-2026-0001')!;
  assert.ok(
    first.incident_updates.some(
      (update) => update.body === 'Public-marker update two. See the fix (https://example.com/fix).\n\nPublic-marker after the HTML.',
    ),
    JSON.stringify(first.incident_updates),
  );
  assert.is(first.postmortem_body, 'Public-marker summary of what happened.');
  assert.match(
    files.get('maintenance.ics')!.replace(/\r\n /g, ''),
    /DESCRIPTION:Scheduled\. Affected: Public-marker[^\r]*\\n\\nPublic-marker maintenance notice\.\r\n/,
  );
  assert.equal(
    [...files.keys()].filter((path) => path.startsWith('incidents/')),
    ['incidents/INC-2026-0001.html', 'incidents/INC-2026-0004.html', 'incidents/INC-2026-0006.html'],
  );
});

leaks('--audience internal: internal incidents and roles too, never a body, another internal key, a cancelled record or a problem', async () => {
  const out = join(temporary('canary-internal'), 'site-internal');
  const result = await runCliCapturing(['build', '--root', CANARY, '--out', out, '--at', AT, '--audience', 'internal']);
  assert.is(result.code, 0, result.stderr);
  const files = readTree(out);
  const everything = [...files.values()].join('\n');
  // What employees may read of internal records: the record's public projection, and the roles.
  const shown = ['Canary internal incident', 'Canary internal update.', 'Canary internal maintenance', '@canary-commander', '@canary-comms'];
  for (const text of shown) assert.ok(everything.includes(text), `the internal site shows "${text}"`);
  const leaked = [...files]
    // iCalendar folds long lines: unfolded, the allowed text is found whole.
    .map(([path, content]) => [path, shown.reduce((rest, text) => rest.replaceAll(text, ''), content.replace(/\r\n /g, ''))] as const)
    .filter(([, content]) => /canary/i.test(content))
    .map(([path, content]) => `${path}: …${content.slice(Math.max(0, content.search(/canary/i) - 60), content.search(/canary/i) + 40)}…`);
  assert.equal(leaked, []);
  // The canary problem (problems/PRB-0001.md) reaches employees' site neither: not even its id.
  assert.equal(
    [...files].filter(([, content]) => /PRB-\d{4}/.test(content)).map(([path]) => path),
    [],
  );
  for (const [path, content] of files)
    if (path.endsWith('.html')) assert.ok(content.includes('<meta name="robots" content="noindex, nofollow">'), `${path} is noindex`);
  assert.is(files.get('robots.txt'), 'User-agent: *\nDisallow: /\n');
});

leaks('the public build is the same with or without --audience public, and says nothing of the internal audience', async () => {
  const [plain, explicit] = [join(temporary('public-a'), 'site'), join(temporary('public-b'), 'site')];
  assert.is((await build(CANARY, plain)).code, 0);
  assert.is((await runCliCapturing(['build', '--root', CANARY, '--out', explicit, '--at', AT, '--audience', 'public'])).code, 0);
  const [a, b] = [readTree(plain), readTree(explicit)];
  assert.equal([...a.keys()], [...b.keys()]);
  for (const [path, content] of a) assert.is(b.get(path), content, path);
  assert.not.ok(a.has('robots.txt'));
  assert.not.match([...a.values()].join('\n'), /noindex|Internal status page|class="tag"/);
});

const REFUSED_INTERNAL_OUT: { name: string; out: (root: string, publicSite: string) => string }[] = [
  { name: "the repository's site/ folder, built or not", out: (root) => join(root, 'site') },
  { name: 'a folder inside it', out: (root) => join(root, 'site', 'internal') },
  { name: 'a built public site elsewhere', out: (_, publicSite) => publicSite },
  { name: 'a folder inside a built public site', out: (_, publicSite) => join(publicSite, 'staff') },
];

for (const { name, out } of REFUSED_INTERNAL_OUT) {
  leaks(`--audience internal refuses to write into ${name}`, async () => {
    const root = temporary('internal-refused');
    cpSync(CANARY, root, { recursive: true });
    const publicSite = join(temporary('public-site'), 'site');
    assert.is((await build(root, publicSite)).code, 0);
    const target = out(root, publicSite);
    const result = await runCliCapturing(['build', '--root', root, '--out', target, '--at', AT, '--audience', 'internal']);
    assert.is(result.code, 2, result.stderr);
    assert.match(result.stderr, /--audience internal will not write into .*, a public site's folder/);
    assert.not.ok(existsSync(join(target, 'robots.txt')), 'nothing internal was written');
  });
}

leaks('a draft or non-public postmortem publishes no summary, and its incident stays "resolved"', () => {
  const { config, records } = repositoryFiles(CANARY);
  const model = modelOf(config, records, AT);
  const status = (id: string) => model.incidents.find((incident) => incident.id === id)!.status;
  assert.is(status('INC-2026-0001'), 'postmortem');
  assert.is(status('INC-2026-0004'), 'resolved');
  assert.is(model.incidents.find((incident) => incident.id === 'INC-2026-0004')!.postmortemSummary, undefined);
});

leaks('no announcement of the canary records, in the payload of any channel, holds anything internal', () => {
  const { config, records } = repositoryFiles(CANARY);
  const model = modelOf(config, records, AT);
  const events = publicEvents(model, 3600_000);
  assert.ok(events.length > 10, `the canary has public events (${events.length})`);
  const payloads = events.flatMap((event) => {
    const email = renderAnnouncementEmail(model, event);
    return [
      JSON.stringify(renderSlackMessage(model, event)),
      JSON.stringify(renderTeamsMessage(model, event)),
      JSON.stringify(renderStatuspageWebhook(model, event, AT)),
      email.subject,
      email.text,
      email.html,
    ];
  });
  assert.equal(
    payloads.filter((payload) => /canary/i.test(payload)),
    [],
  );
  for (const text of ['Public-marker outage of the API', 'Public-marker update four.', 'Public-marker summary of what happened.']) {
    assert.ok(
      payloads.some((payload) => payload.includes(text)),
      `announced: ${text}`,
    );
  }
});

// ---------------------------------------------------------------------------------------------
const xss = suite('hostile text is escaped or sanitized everywhere');

/** Payloads from the usual XSS cheat sheets, each put into every text field in turn. */
const PAYLOADS = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '"><svg onload=alert(1)>',
  "'><iframe src=//evil.test></iframe>",
  '[click](javascript:alert(1))',
  '<a href="javascript:alert(1)">x</a>',
  '[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
  '![x](https://evil.test/x.png" onerror="alert(1))',
  ']]><script>alert(1)</script>',
  '<style>body{display:none}</style>',
  '</title><script>alert(1)</script>',
  '{{constructor.constructor("alert(1)")()}}',
];

/** A repository whose every published text field holds the payload. */
function hostileRepository(payload: string): { config: string; records: Record<string, string> } {
  const quoted = JSON.stringify(payload);
  const config = `page: {name: ${quoted}, url: "https://status.example.test", time_zone: UTC}
services:
  - {id: api, name: ${quoted}, group: ${quoted}, description: ${quoted}}
priority_matrix:
  high: {high: P1, medium: P2, low: P3}
  medium: {high: P2, medium: P3, low: P4}
  low: {high: P3, medium: P4, low: P5}
approvers: {default: ["@alice"]}
`;
  const incident = (id: string, type: string, status: string, extra: string) => `---
id: ${id}
title: ${quoted}
type: ${type}
status: ${status}
impact: high
urgency: high
priority: P1
services: [{id: api, status: ${type === 'maintenance' ? 'under_maintenance' : 'major_outage'}}]
visibility: public
reported_at: 2026-11-23T09:00:00Z
${extra}
updates:
  - {at: 2026-11-23T09:05:00Z, status: ${status === 'resolved' ? 'investigating' : status}, message: ${quoted}}
${status === 'resolved' ? `  - {at: 2026-11-23T10:00:00Z, status: resolved, message: ${quoted}}\n` : ''}---
`;
  return {
    config,
    records: {
      'incidents/INC-2026-0001.md': incident('INC-2026-0001', 'incident', 'investigating', 'acknowledged_at: 2026-11-23T09:05:00Z'),
      'incidents/INC-2026-0002.md': incident(
        'INC-2026-0002',
        'incident',
        'resolved',
        `acknowledged_at: 2026-11-23T09:05:00Z\nresolved_at: 2026-11-23T10:00:00Z\nresolution: {code: fixed, summary: x}`,
      ),
      'incidents/INC-2026-0002.postmortem.md': `---\nincident: INC-2026-0002\nstatus: published\npublic: true\nauthors: ["@alice"]\n---\n## Summary\n\n${payload}\n`,
      'incidents/INC-2026-0003.md': incident(
        'INC-2026-0003',
        'maintenance',
        'scheduled',
        'scheduled_for: 2026-11-23T12:00:00Z\nscheduled_until: 2026-11-23T14:00:00Z',
      ),
      'known-errors/KE-0001.md': `---\nid: KE-0001\ntitle: ${quoted}\nstatus: active\nservices: [api]\nworkaround: ${quoted}\ncreated_at: 2026-01-01T00:00:00Z\npublic: true\n---\n`,
    },
  };
}

/** Markup that would run or restyle something: a script, an event handler, a frame, a style, a script URL. */
function activeMarkup(markup: string, allowedStyles: number): string[] {
  const found: string[] = [];
  const tags = markup.match(/<[a-z][^>]*>/gi) ?? [];
  for (const quoted of tags) {
    const tag = quoted.replace(/"[^"]*"|'[^']*'/g, (value) => (/^["']\s*(javascript|data|vbscript):/i.test(value) ? 'javascript:' : '""'));
    if (/^<(script|iframe|object|embed|base|form|meta http-equiv)/i.test(tag)) found.push(quoted);
    if (/\son[a-z]+\s*=/i.test(tag)) found.push(quoted);
    if (/(href|src|action|xlink:href)\s*=\s*(javascript|data|vbscript):/i.test(tag)) found.push(quoted);
  }
  const styles = tags.filter((tag) => /^<style/i.test(tag)).length;
  if (styles > allowedStyles) found.push(`${styles} <style> elements`);
  return found;
}

/** Undoes one level of XML escaping: what a feed reader hands to its HTML renderer. */
const unescapeXml = (text: string) =>
  text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');

for (const payload of PAYLOADS) {
  xss(`${payload}`, () => {
    const { config, records } = hostileRepository(payload);
    const files = siteOf(config, records, '2026-11-23T12:30:00Z');
    for (const [path, content] of files) {
      if (path.endsWith('.html')) {
        // The page's one script is the site's own constant code, once, at the end of the body.
        const own = `<script>${LOCAL_TIMES}</script>\n</body>`;
        assert.is(content.split(own).length, 2, `${path} has the local-times script once`);
        assert.equal(activeMarkup(content.replace(own, ''), 1), [], path);
      }
      if (path.endsWith('.svg')) assert.equal(activeMarkup(content, 0), [], path);
      if (path.endsWith('.atom') || path.endsWith('.rss')) {
        assert.equal(activeMarkup(content, 0), [], `${path} (as XML)`);
        for (const [, body] of content.matchAll(/<(?:content|description)[^>]*>([\s\S]*?)<\/(?:content|description)>/g)) {
          assert.equal(activeMarkup(unescapeXml(body!), 0), [], `${path} (entry HTML)`);
        }
      }
      if (path.endsWith('.json')) {
        const data = JSON.parse(content) as { page?: { name: string } };
        if (path.startsWith('api/')) assert.is(data.page?.name, payload, `${path} keeps the text as data`);
      }
    }
    const index = files.get('index.html')!;
    if (payload.includes('<script>')) assert.ok(index.includes('&lt;script&gt;'), 'the title is shown escaped, as text');
    // The HTML part of every announcement email is as safe as the pages.
    const model = modelOf(config, records, '2026-11-23T12:30:00Z');
    for (const event of publicEvents(model, 3600_000))
      assert.equal(activeMarkup(renderAnnouncementEmail(model, event).html, 0), [], `the email of ${event.key}`);
  });
}

// ---------------------------------------------------------------------------------------------
const api = suite('the Statuspage v2 API');

const addFormats = (addFormatsModule as unknown as { default: (ajv: Ajv2020) => Ajv2020 }).default;
const statuspage = addFormats(new Ajv2020({ allErrors: true, strict: false })).addSchema(
  JSON.parse(readFileSync(join(ROOT, 'test/fixtures/statuspage/statuspage-v2.schema.json'), 'utf8')),
);
const SHAPE: Record<string, string> = {
  'summary.json': 'summary.json',
  'status.json': 'status.json',
  'components.json': 'components.json',
  'incidents.json': 'incidents.json',
  'incidents/unresolved.json': 'incidents.json',
  'scheduled-maintenances.json': 'scheduled-maintenances.json',
  'scheduled-maintenances/upcoming.json': 'scheduled-maintenances.json',
  'scheduled-maintenances/active.json': 'scheduled-maintenances.json',
};

for (const at of ['2026-11-23T12:30:00Z', '2026-12-05T07:00:00Z', '2027-03-01T00:00:00Z']) {
  api(`every path of docs/reference.md exists and matches Statuspage's shapes (at ${at})`, () => {
    const files = siteOf(sample.config, sample.records, at);
    for (const [path, shape] of Object.entries(SHAPE)) {
      const content = files.get(`api/v2/${path}`);
      assert.ok(content, `api/v2/${path} is built`);
      const validate = statuspage.getSchema(`https://incidents-as-code.test/statuspage-v2.schema.json#/$defs/${shape}`)!;
      assert.ok(validate(JSON.parse(content!)), `api/v2/${path}: ${statuspage.errorsText(validate.errors)}`);
    }
  });
}

api('the endpoints agree: summary = status + components + unresolved + upcoming and active maintenance', () => {
  const files = siteOf(sample.config, sample.records, AT);
  const read = (path: string) => JSON.parse(files.get(`api/v2/${path}`)!);
  const summary = read('summary.json');
  assert.equal(summary.status, read('status.json').status);
  assert.equal(summary.status, { indicator: 'major', description: 'Partial System Outage' });
  assert.equal(summary.components, read('components.json').components);
  assert.equal(summary.incidents, read('incidents/unresolved.json').incidents);
  assert.equal(summary.incidents.map((incident: { id: string }) => incident.id).sort(), [
    'INC-2026-0009',
    'INC-2026-0010',
    'INC-2026-0011',
    'INC-2026-0013',
    'INC-2026-0014',
  ]);
  assert.equal(
    summary.scheduled_maintenances.map((maintenance: { id: string; status: string }) => `${maintenance.id} ${maintenance.status}`),
    ['INC-2026-0012 scheduled'],
  );
  const components = new Map(summary.components.map((component: { id: string; status: string }) => [component.id, component.status]));
  assert.equal(Object.fromEntries(components), {
    group_payments: 'partial_outage',
    'checkout-api': 'partial_outage',
    'payment-webhooks': 'operational',
    group_storefront: 'partial_outage',
    'web-shop': 'degraded_performance',
    'mobile-api': 'partial_outage',
    search: 'degraded_performance',
    group_platform: 'operational',
    identity: 'operational',
    notifications: 'operational',
    'group_back-office': 'degraded_performance',
    reports: 'degraded_performance',
  });
  for (const incident of read('incidents.json').incidents) {
    assert.ok(files.has(incident.shortlink.replace('https://status.acme.example/', '')), `${incident.shortlink} is a built page`);
  }
});

// ---------------------------------------------------------------------------------------------
const clock = suite('maintenance starts and ends on time');

const MAINTENANCE_AT = [
  { at: '2026-12-05T05:59:59Z', status: 'scheduled', identity: 'operational', upcoming: ['INC-2026-0012'], active: [] },
  { at: '2026-12-05T06:00:00Z', status: 'in_progress', identity: 'under_maintenance', upcoming: [], active: ['INC-2026-0012'] },
  { at: '2026-12-05T07:59:00Z', status: 'in_progress', identity: 'under_maintenance', upcoming: [], active: ['INC-2026-0012'] },
  { at: '2026-12-05T08:00:00Z', status: 'completed', identity: 'operational', upcoming: [], active: [] },
];

for (const expected of MAINTENANCE_AT) {
  clock(`at ${expected.at} the sign-in move is ${expected.status}`, () => {
    const files = siteOf(sample.config, sample.records, expected.at);
    const read = (path: string) => JSON.parse(files.get(`api/v2/${path}`)!);
    const ids = (path: string) => read(path).scheduled_maintenances.map((maintenance: { id: string }) => maintenance.id);
    const maintenance = read('scheduled-maintenances.json').scheduled_maintenances.find((item: { id: string }) => item.id === 'INC-2026-0012');
    assert.is(maintenance.status, expected.status);
    assert.is(read('components.json').components.find((component: { id: string }) => component.id === 'identity').status, expected.identity);
    assert.equal(ids('scheduled-maintenances/upcoming.json'), expected.upcoming);
    assert.equal(ids('scheduled-maintenances/active.json'), expected.active);
  });
}

// ---------------------------------------------------------------------------------------------
const output = suite('deterministic and atomic output');

output('the same records and --at give byte-identical sites; another --at gives another', async () => {
  const [first, second, later] = [join(temporary('a'), 'site'), join(temporary('b'), 'site'), join(temporary('c'), 'site')];
  assert.is((await build(ROOT, first)).code, 0);
  assert.is((await build(ROOT, second)).code, 0);
  assert.is((await build(ROOT, later, '2026-12-05T07:00:00Z')).code, 0);
  assert.equal(readTree(first), readTree(second));
  assert.not.equal(readTree(first).get('index.html'), readTree(later).get('index.html'));
});

output('records with errors stop the build and leave the previous site untouched', async () => {
  const root = temporary('broken');
  cpSync(CANARY, root, { recursive: true });
  const out = join(root, 'site');
  assert.is((await build(root, out)).code, 0);
  const before = readTree(out);
  writeFileSync(
    join(root, 'incidents/INC-2026-0004.md'),
    readFileSync(join(root, 'incidents/INC-2026-0004.md'), 'utf8').replace('status: resolved', 'status: mended'),
  );
  const result = await build(root, out);
  assert.is(result.code, 2);
  assert.match(result.stdout, /incidents\/INC-2026-0004\.md:5:9: .*status/);
  assert.match(result.stderr, /not built/);
  assert.equal(readTree(out), before);
});

output('a write that fails halfway leaves the previous site as it was, and no temporary folder', async () => {
  const parent = temporary('halfway');
  const out = join(parent, 'site');
  await writeSite(
    out,
    new Map([
      ['index.html', 'old'],
      ['api/v2/summary.json', '{}'],
    ]),
  );
  // "index.html" as a file, then as a folder: the second write fails after the first succeeded.
  const failure = await writeSite(
    out,
    new Map([
      ['api/v2/summary.json', 'new'],
      ['index.html', 'new'],
      ['index.html/x', 'boom'],
    ]),
  ).catch((error: Error) => error);
  assert.match(String(failure), /could not write the site/);
  assert.equal(
    readTree(out),
    new Map([
      ['index.html', 'old'],
      ['api/v2/summary.json', '{}'],
    ]),
  );
  assert.equal(readdirSync(parent), ['site']);
});

output('a new site replaces the previous one whole: its files and folders are gone, a link in it is removed, not followed', async () => {
  const parent = temporary('replace');
  const out = join(parent, 'site');
  const many = Array.from({ length: 40 }, (_, index): [string, string] => [`incidents/INC-${index}.html`, 'old']);
  await writeSite(out, new Map([['index.html', 'old'], ['api/v2/summary.json', '{}'], ['a/b/c/deep.html', 'old'], ...many]));
  const outside = temporary('outside');
  writeFileSync(join(outside, 'keep.txt'), 'mine');
  symlinkSync(outside, join(out, 'a', 'link'));
  const site = new Map([
    ['index.html', 'new'],
    ['api/v2/summary.json', '{"new": true}'],
  ]);
  assert.is(await writeSite(out, site), 2);
  assert.equal(readTree(out), site);
  assert.equal(readdirSync(parent), ['site']);
  assert.is(readFileSync(join(outside, 'keep.txt'), 'utf8'), 'mine');
});

output('a file given in parts is written as their text in a row', async () => {
  const out = join(temporary('parts'), 'site');
  const parts = function* () {
    yield* ['BEGIN\r\n', 'Ünïcode, ', '', 'emoji 😀\r\n', 'x'.repeat(100_000), 'END\r\n'];
  };
  assert.is(
    await writeSite(out, [
      ['api/v2/summary.json', '{}'],
      ['maintenance.ics', parts()],
    ]),
    2,
  );
  assert.is(readFileSync(join(out, 'maintenance.ics'), 'utf8'), [...parts()].join(''));
});

output('an output folder that cannot be written: a clear error, exit 2, and the previous site as it was', async () => {
  const parent = temporary('read-only');
  const root = join(parent, 'repo');
  cpSync(CANARY, root, { recursive: true });
  const out = join(parent, 'site');
  assert.is((await build(root, out)).code, 0);
  const before = readTree(out);
  assert.is(statSync(out).mode & 0o777, 0o755, 'a web server may read the site');
  // Root writes anywhere, so as root the build runs as nobody, who may read the folder but not write in it.
  chmodSync(parent, 0o555);
  const user = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
  const result = spawnSync(process.execPath, [join(ROOT, 'dist/incidents.js'), 'build', '--root', root, '--out', out, '--at', AT], {
    encoding: 'utf8',
    ...user,
  });
  chmodSync(parent, 0o755);
  assert.is(result.status, 2, result.stderr);
  assert.match(result.stderr, /^incidents build: could not create a folder in .*read-only.*: EACCES: permission denied/m);
  assert.not.match(result.stderr, /^\s+at /m);
  assert.equal(readTree(out), before);
});

output('--out naming a folder that is not a site is refused, and its files are left alone', async () => {
  const out = temporary('not-a-site');
  writeFileSync(join(out, 'notes.txt'), 'mine');
  const result = await build(ROOT, out);
  assert.is(result.code, 2);
  assert.match(result.stderr, /is not empty and holds nothing incidents wrote \(no api\/v2\/summary\.json\)/);
  assert.equal(readTree(out), new Map([['notes.txt', 'mine']]));
});

output('a config without page.url is a clear error (exit 2), and nothing is written', async () => {
  const root = temporary('no-url');
  cpSync(CANARY, root, { recursive: true });
  writeFileSync(
    join(root, 'incidents.config.yml'),
    readFileSync(join(root, 'incidents.config.yml'), 'utf8').replace(', url: "https://status.example.test"', ''),
  );
  const result = await build(root, join(root, 'site'));
  assert.is(result.code, 2);
  assert.match(result.stdout, /^incidents\.config\.yml:3:7: The config has no page\.url: .* \(build\/page-url\)\n$/);
  assert.not.ok(existsSync(join(root, 'site')));
});

// ---------------------------------------------------------------------------------------------
const feeds = suite('feeds, calendar and badges');

feeds('Atom and RSS list public incidents newest first, per page and per service', () => {
  const files = siteOf(sample.config, sample.records, AT);
  const entries = (path: string) => (files.get(path)!.match(/<(?:entry|item)>/g) ?? []).length;
  assert.is(entries('history.atom'), 11);
  assert.is(entries('history.rss'), 11);
  assert.match(files.get('history.atom')!, /^<\?xml version="1.0" encoding="utf-8"\?>\n<feed xmlns="http:\/\/www.w3.org\/2005\/Atom">/);
  const checkout = files.get('services/checkout-api.atom')!;
  assert.equal(
    [...checkout.matchAll(/<id>https:\/\/status.acme.example\/incidents\/(INC-[\d-]+)\.html<\/id>/g)].map((match) => match[1]),
    ['INC-2026-0013', 'INC-2026-0004', 'INC-2026-0001'],
  );
});

feeds('the maintenance calendar is RFC 5545: CRLF lines, folded at 75 octets, text escaped', () => {
  const { config, records } = hostileRepository('Ünïcode, commas; semicolons\\ and a long title that goes well past the seventy-five octet limit of one line');
  const calendar = siteOf(config, records, AT).get('maintenance.ics')!;
  assert.ok(calendar.endsWith('END:VCALENDAR\r\n'));
  for (const line of calendar.split('\r\n')) assert.ok(Buffer.byteLength(line) <= 75, `${line} is at most 75 octets`);
  assert.not.match(calendar, /[^\r]\n/);
  const unfolded = calendar.replace(/\r\n /g, '');
  assert.match(unfolded, /SUMMARY:Ünïcode\\, commas\\; semicolons\\\\ and a long title/);
  assert.match(unfolded, /DTSTART:20261123T120000Z\r\nDTEND:20261123T140000Z/);
  assert.match(unfolded, /UID:INC-2026-0003@status.example.test/);
});

feeds('badges and shields.io endpoints tell each service status', () => {
  const files = siteOf(sample.config, sample.records, AT);
  assert.equal(JSON.parse(files.get('badges/services/checkout-api.json')!), {
    schemaVersion: 1,
    label: 'Checkout API',
    message: 'partial outage',
    color: 'orange',
  });
  assert.equal(JSON.parse(files.get('badges/status.json')!), { schemaVersion: 1, label: 'status', message: 'partial system outage', color: 'orange' });
  assert.match(files.get('badges/services/identity.svg')!, /aria-label="Sign-in: operational"/);
});

feeds('uptime bars: each day with an incident links to its page, and its tooltip names it by title, in plain words', () => {
  const index = siteOf(sample.config, sample.records, AT).get('index.html')!;
  const bars = [...index.matchAll(/<svg viewBox="0 0 \d+ 32"[^>]*>(.*?)<\/svg>/gs)].map((match) => match[1]!).join('');
  const tooltips = [...bars.matchAll(/<title>(.*?)<\/title>/g)].map((match) => match[1]!);
  assert.ok(tooltips.length > 0);
  for (const tooltip of tooltips) {
    assert.not.match(tooltip, /INC-\d{4}-\d{4}|counted as/, tooltip);
    assert.match(tooltip, /^\d{1,2} \w{3,4} \d{4}: (no incidents|[a-z ]+(, .+ of downtime)?: .+)$/, tooltip);
  }
  assert.ok(
    tooltips.some((tooltip) => tooltip.endsWith(': Some card payments declined at checkout')),
    tooltips.join('\n'),
  );
  const links = [...bars.matchAll(/<a href="([^"]+)" aria-label="[^"]+"><rect [^>]*class="bar-(\w+)"/g)];
  assert.ok(links.length > 0, 'impaired days link');
  for (const [, href, state] of links) {
    assert.match(href!, /^incidents\/INC-\d{4}-\d{4}\.html$/);
    assert.is.not(state, 'ok');
  }
});

feeds('the index offers every feed and the calendar under Subscribe, and a favicon in the colour of its state', () => {
  const files = siteOf(sample.config, sample.records, AT);
  const index = files.get('index.html')!;
  const section = /<section aria-labelledby="subscribe">(.*?)<\/section>/s.exec(index)?.[1] ?? '';
  const targets = [...section.matchAll(/href="([^"]+)"/g)].map((match) => match[1]!);
  for (const target of ['history.atom', 'history.rss', 'maintenance.ics', 'services/checkout-api.atom', 'services/checkout-api.rss'])
    assert.ok(targets.includes(target), target);
  for (const target of targets) assert.ok(files.has(target), `${target} is in the site`);
  assert.match(index, /<link rel="icon" type="image\/svg\+xml" href="favicon\.svg">/);
  assert.match(files.get('incidents/INC-2026-0001.html')!, /<link rel="icon" type="image\/svg\+xml" href="\.\.\/favicon\.svg">/);
  assert.match(files.get('favicon.svg')!, /fill="#b4420b"/, 'partial outage: the partial outage colour');
});

leaks.run();
xss.run();
api.run();
clock.run();
output.run();
feeds.run();
