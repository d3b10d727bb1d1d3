import { cpSync, mkdtempSync, readFileSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { git, makePullRequestRepo, type FileEdits } from './helpers/git-repo.js';
import { BASE, checkPr, CLOSE_INC2, edit, INC1, INC2, INC3, PM2, read, RESOLVE_INC1, runCheckPr, type Verdict } from './helpers/pull-request-cases.js';
import { PROBLEM_CASES } from './helpers/problem-cases.js';
import { ROOT, runCliCapturing } from './helpers/run-cli.js';

/** INC-2026-0002 made a P3, which needs no postmortem. */
const P1_TO_P3: [string, string] = ['impact: high\nurgency: high\npriority: P1', 'impact: low\nurgency: high\npriority: P3'];

/** INC-2026-0002 reopened: back to investigating, resolved_at cleared, a new update. */
const REOPEN_INC2: [string, string][] = [
  ['status: resolved', 'status: investigating'],
  ['resolved_at: 2026-02-01T09:30:00Z\n', ''],
  [
    'message: Pages load normally again.',
    'message: Pages load normally again.\n  - at: 2026-02-02T08:00:00Z\n    status: investigating\n    message: Pages are slow again.',
  ],
];

/** A new incident on the reports service, where known error KE-0001 lives. */
function newReportsIncident(title: string, { extra = '', status = 'investigating', message = 'Exports fail for some customers.' } = {}): FileEdits {
  return {
    'incidents/INC-2026-0004.md': `---
id: INC-2026-0004
title: ${title}
type: incident
status: ${status}
impact: low
urgency: high
priority: P3
services:
  - id: reports
    status: degraded_performance
visibility: public
reported_at: 2026-03-02T10:00:00Z
acknowledged_at: 2026-03-02T10:05:00Z
${extra}updates:
  - at: 2026-03-02T10:05:00Z
    status: ${status}
    message: ${message}
---
`,
  };
}

interface Case {
  name: string;
  head: FileEdits;
  base?: FileEdits;
  /** `rule path:line` of every error, in output order. */
  errors: string[];
  warnings?: string[];
}

/** Each lifecycle rule, with a change that breaks it and one that keeps it. No token here, so resolutions cannot be approved. */
const CASES: Case[] = [
  { name: 'an unchanged repository passes', head: {}, errors: [] },
  { name: 'a note added to an open incident passes', head: { [INC1]: `${read(INC1)}More notes.\n` }, errors: [] },
  {
    name: 'a move the lifecycle forbids (investigating → reported)',
    head: edit(
      INC1,
      ['status: investigating', 'status: reported'],
      [
        'message: We are investigating failed card payments.',
        'message: We are investigating failed card payments.\n  - at: 2026-03-01T10:20:00Z\n    status: reported\n    message: Back to reported.',
      ],
    ),
    errors: ['lifecycle/transition incidents/INC-2026-0001.md:5'],
  },
  {
    name: 'a record that changes type',
    head: edit(INC1, ['type: incident', 'type: maintenance']),
    errors: [
      'lifecycle/transition incidents/INC-2026-0001.md:4',
      'record/maintenance-window incidents/INC-2026-0001.md:4',
      'record/status-for-type incidents/INC-2026-0001.md:5',
      'record/timestamp-order incidents/INC-2026-0001.md:13',
      'record/status-for-type incidents/INC-2026-0001.md:18',
    ],
  },
  {
    name: 'an id that changes (the file renamed with it)',
    head: { [INC1]: null, 'incidents/INC-2026-0009.md': read(INC1).replace('id: INC-2026-0001', 'id: INC-2026-0009') },
    errors: ['lifecycle/id-changed incidents/INC-2026-0009.md:2'],
  },
  { name: 'a slug added to the file name keeps the id and passes', head: { [INC1]: null, 'incidents/INC-2026-0001-card-payments.md': read(INC1) }, errors: [] },
  { name: 'a deleted incident', head: { [INC3]: null }, errors: ['lifecycle/deleted incidents/INC-2026-0003.md:1'] },
  {
    name: 'a record moved into a sub-folder, where records are not read',
    head: { [INC3]: null, 'incidents/archive/INC-2026-0003.md': read(INC3) },
    errors: ['lifecycle/deleted incidents/INC-2026-0003.md:1'],
    warnings: ['file/name incidents/archive:1'],
  },
  {
    name: 'a deleted file that is no record passes',
    base: { 'incidents/README.md': 'About this folder.\n' },
    head: { 'incidents/README.md': null },
    errors: [],
  },
  { name: 'a deleted known error', head: { 'known-errors/KE-0001.md': null }, errors: ['lifecycle/deleted known-errors/KE-0001.md:1'] },
  {
    name: 'a postmortem whose incident changes',
    head: edit(PM2, ['incident: INC-2026-0002', 'incident: INC-2026-0001']),
    errors: ['lifecycle/id-changed incidents/INC-2026-0002.postmortem.md:2', 'record/id-matches-file incidents/INC-2026-0002.postmortem.md:2'],
  },
  {
    name: 'a closed incident whose title changes',
    head: edit(INC3, ['title: Reports were late', 'title: Reports were very late']),
    errors: ['lifecycle/frozen incidents/INC-2026-0003.md:3'],
  },
  {
    name: 'a closed incident whose notes change and that gets a known error passes',
    head: edit(
      INC3,
      ['Notes from the day.', 'Notes from the day, and a link to the known error.'],
      ['visibility: internal', 'visibility: internal\nknown_error: KE-0001'],
    ),
    errors: [],
  },
  {
    name: 'a new incident that starts closed',
    head: newReportsIncident('Reports were slow', {
      extra: 'resolved_at: 2026-03-02T11:00:00Z\nclosed_at: 2026-03-02T12:00:00Z\nresolution: {code: fixed, summary: Restarted.}\n',
      status: 'closed',
    }),
    errors: ['lifecycle/approval incidents/INC-2026-0004.md:5', 'lifecycle/initial-status incidents/INC-2026-0004.md:5'],
  },
  {
    name: 'a status change with no update',
    head: edit(INC1, ['status: investigating', 'status: identified']),
    errors: ['lifecycle/status-update incidents/INC-2026-0001.md:5', 'record/last-update-status incidents/INC-2026-0001.md:18'],
  },
  {
    name: 'a status timestamp earlier than the updates already published',
    base: edit(INC1, [
      'message: We are investigating failed card payments.',
      'message: We are investigating failed card payments.\n  - at: 2026-03-01T10:30:00Z\n    status: investigating\n    message: Still investigating.',
    ]),
    head: edit(
      INC1,
      ['status: investigating', 'status: monitoring'],
      ['acknowledged_at: 2026-03-01T10:09:00Z', 'acknowledged_at: 2026-03-01T10:09:00Z\nmitigated_at: 2026-03-01T10:20:00Z'],
      [
        'message: We are investigating failed card payments.',
        'message: We are investigating failed card payments.\n  - at: 2026-03-01T10:30:00Z\n    status: investigating\n    message: Still investigating.\n  - at: 2026-03-01T10:35:00Z\n    status: monitoring\n    message: A fix is out.',
      ],
    ),
    errors: ['lifecycle/status-timestamp incidents/INC-2026-0001.md:16'],
  },
  {
    name: 'a published update rewritten',
    head: edit(INC1, ['  - at: 2026-03-01T10:09:00Z\n    status: investigating', '  - at: 2026-03-01T10:10:00Z\n    status: investigating']),
    errors: ['lifecycle/update-history incidents/INC-2026-0001.md:17'],
  },
  { name: "a published update's message corrected passes", head: edit(INC1, ['failed card payments.', 'failed card and wallet payments.']), errors: [] },
  {
    name: "a published update's recorded states written as the record gave them passes (what update --service does first)",
    head: edit(INC1, ['failed card payments.', 'failed card payments.\n    services: [{id: api, status: partial_outage}]']),
    errors: [],
  },
  {
    name: "a published update's recorded states written differently from what the record gave",
    head: edit(
      INC1,
      ['failed card payments.', 'failed card payments.\n    services: [{id: api, status: degraded_performance}]'],
      ['    status: partial_outage', '    status: degraded_performance'],
    ),
    errors: ['lifecycle/approval incidents/INC-2026-0001.md:10', 'lifecycle/update-history incidents/INC-2026-0001.md:20'],
  },
  {
    name: "a published update's recorded states rewritten",
    base: edit(INC1, ['failed card payments.', 'failed card payments.\n    services: [{id: api, status: partial_outage}]']),
    head: edit(
      INC1,
      ['failed card payments.', 'failed card payments.\n    services: [{id: api, status: degraded_performance}]'],
      ['    status: partial_outage', '    status: degraded_performance'],
    ),
    errors: ['lifecycle/approval incidents/INC-2026-0001.md:10', 'lifecycle/update-history incidents/INC-2026-0001.md:20'],
  },
  {
    name: "a legacy record's states changed in place, lowering its downtime, needs approval",
    head: edit(INC1, ['    status: partial_outage', '    status: degraded_performance']),
    errors: ['lifecycle/approval incidents/INC-2026-0001.md:10'],
  },
  {
    name: 'a later update alone recording states (the first recorded states would hold from the start)',
    head: edit(
      INC1,
      ['    status: partial_outage', '    status: operational'],
      [
        'failed card payments.',
        'failed card payments.\n  - at: 2026-03-01T10:30:00Z\n    status: investigating\n    message: Payments work again.\n    services: [{id: api, status: operational}]',
      ],
    ),
    errors: ['lifecycle/approval incidents/INC-2026-0001.md:10', 'record/current-services incidents/INC-2026-0001.md:17'],
  },
  {
    name: 'a recovery backdated to long before now needs approval',
    head: edit(
      INC1,
      ['    status: partial_outage', '    status: operational'],
      [
        'failed card payments.',
        'failed card payments.\n    services: [{id: api, status: partial_outage}]\n  - at: 2026-03-01T10:09:00Z\n    status: investigating\n    message: Payments work again.\n    services: [{id: api, status: operational}]',
      ],
    ),
    errors: ['lifecycle/approval incidents/INC-2026-0001.md:10'],
  },
  {
    name: "a published update's recorded states removed",
    base: edit(INC1, ['failed card payments.', 'failed card payments.\n    services: [{id: api, status: partial_outage}]']),
    head: { [INC1]: read(INC1) },
    errors: ['lifecycle/update-history incidents/INC-2026-0001.md:17'],
  },
  {
    name: 'a recorded timestamp changed is a warning',
    head: edit(INC1, ['reported_at: 2026-03-01T10:04:00Z', 'reported_at: 2026-03-01T10:06:00Z']),
    errors: [],
    warnings: ['lifecycle/timestamp-changed incidents/INC-2026-0001.md:14'],
  },
  { name: 'a reopen with no reason', head: edit(INC2, ...REOPEN_INC2), errors: ['lifecycle/reopen-reason incidents/INC-2026-0002.md:5'] },
  {
    name: 'a reopen with a reason passes',
    head: edit(INC2, ...REOPEN_INC2, ['visibility: public', 'visibility: public\nreopen_reason: The CDN rule came back with the next deploy.']),
    errors: [],
  },
  {
    name: 'a reopen that repeats an earlier reason',
    base: edit(INC2, ['visibility: public', 'visibility: public\nreopen_reason: The CDN rule came back.']),
    head: edit(INC2, ...REOPEN_INC2, ['visibility: public', 'visibility: public\nreopen_reason: The CDN rule came back.']),
    errors: ['lifecycle/reopen-reason incidents/INC-2026-0002.md:13'],
  },
  { name: 'a resolution with no token cannot be approved', head: RESOLVE_INC1, errors: ['lifecycle/approval incidents/INC-2026-0001.md:5'] },
  {
    name: 'a new incident that matches a known error',
    head: newReportsIncident('Report export timed out'),
    errors: ['lifecycle/known-error-match incidents/INC-2026-0004.md:3'],
  },
  {
    name: 'a match on the first update, not the title',
    head: newReportsIncident('Reports broken', { message: 'Every export timed out.' }),
    errors: ['lifecycle/known-error-match incidents/INC-2026-0004.md:18'],
  },
  { name: 'a new incident that matches no known error passes', head: newReportsIncident('Reports broken'), errors: [] },
  {
    name: 'a known-error match dismissed with a reason passes',
    head: newReportsIncident('Report export timed out', { extra: 'known_error_dismissed: This export has 10 rows; it is a new fault.\n' }),
    errors: [],
  },
  {
    name: 'a known-error match cancelled as that known error passes',
    head: newReportsIncident('Report export timed out', { extra: 'cancel_reason: known_error\nknown_error: KE-0001\n', status: 'cancelled' }),
    errors: [],
  },
  {
    name: 'a catastrophic pattern cannot hang the gate',
    base: edit('known-errors/KE-0001.md', ['patterns: ["export.*time(d)? ?out"]', 'patterns: ["^(a+)+$"]']),
    head: newReportsIncident(`${'a'.repeat(60)}!`),
    errors: [],
  },
  {
    name: 'closing with a postmortem that lacks a section',
    head: { ...CLOSE_INC2, ...edit(PM2, ['## Impact\n\nPage loads took 8 s instead of 1 s.\n\n', '']) },
    errors: [
      'lifecycle/approval incidents/INC-2026-0002.md:5',
      'lifecycle/postmortem incidents/INC-2026-0002.md:5',
      'lifecycle/postmortem incidents/INC-2026-0002.postmortem.md:15',
    ],
  },
  {
    name: 'closing with no postmortem',
    base: { [PM2]: null },
    head: CLOSE_INC2,
    errors: ['lifecycle/approval incidents/INC-2026-0002.md:5', 'lifecycle/postmortem incidents/INC-2026-0002.md:5'],
  },
  {
    name: 'closing with a draft postmortem whose action item has no owner',
    head: { ...CLOSE_INC2, ...edit(PM2, ['status: published', 'status: draft'], ['    owner: "@dave"\n', '']) },
    errors: [
      'lifecycle/approval incidents/INC-2026-0002.md:5',
      'lifecycle/postmortem incidents/INC-2026-0002.md:5',
      'lifecycle/postmortem incidents/INC-2026-0002.postmortem.md:3',
      'lifecycle/postmortem incidents/INC-2026-0002.postmortem.md:7',
    ],
  },
  {
    name: 'marking an incident a drill needs an approval',
    head: edit(INC1, ['visibility: public', 'visibility: public\ndrill: true']),
    errors: ['lifecycle/approval incidents/INC-2026-0001.md:13'],
  },
  {
    name: 'making an incident internal needs an approval',
    head: edit(INC1, ['visibility: public', 'visibility: internal']),
    errors: ['lifecycle/approval incidents/INC-2026-0001.md:12'],
  },
  {
    name: 'lowering impact and priority needs an approval, at each key',
    head: edit(INC1, ['impact: high\nurgency: medium\npriority: P2', 'impact: medium\nurgency: medium\npriority: P3']),
    errors: ['lifecycle/approval incidents/INC-2026-0001.md:6', 'lifecycle/approval incidents/INC-2026-0001.md:8'],
  },
  {
    name: 'lowering urgency alone needs an approval',
    head: edit(INC1, ['impact: high\nurgency: medium\npriority: P2', 'impact: high\nurgency: low\npriority: P3']),
    errors: ['lifecycle/approval incidents/INC-2026-0001.md:7', 'lifecycle/approval incidents/INC-2026-0001.md:8'],
  },
  {
    name: 'raising the priority needs no approval',
    head: edit(INC1, ['impact: high\nurgency: medium\npriority: P2', 'impact: high\nurgency: high\npriority: P1']),
    errors: [],
  },
  {
    name: 'cancelling an incident as not an incident needs an approval',
    head: edit(
      INC1,
      ['status: investigating', 'status: cancelled\ncancel_reason: not_an_incident'],
      [
        'message: We are investigating failed card payments.',
        'message: We are investigating failed card payments.\n  - at: 2026-03-01T10:30:00Z\n    status: cancelled\n    message: A test transaction, not an incident.',
      ],
    ),
    errors: ['lifecycle/approval incidents/INC-2026-0001.md:5'],
  },
  {
    name: 'moving a timestamp of an incident that breached its SLA needs an approval',
    base: edit(
      INC2,
      ['acknowledged_at: 2026-02-01T08:07:00Z', 'acknowledged_at: 2026-02-01T08:40:00Z'],
      ['  - at: 2026-02-01T08:07:00Z', '  - at: 2026-02-01T08:40:00Z'],
    ),
    head: edit(INC2, ['  - at: 2026-02-01T08:07:00Z', '  - at: 2026-02-01T08:40:00Z']),
    errors: ['lifecycle/approval incidents/INC-2026-0002.md:15'],
    warnings: ['lifecycle/timestamp-changed incidents/INC-2026-0002.md:15'],
  },
  {
    name: 'a hold added after the fact that takes away a breach needs an approval',
    base: edit(INC1, ['impact: high\nurgency: medium\npriority: P2', 'impact: high\nurgency: high\npriority: P1']),
    head: edit(
      INC1,
      ['impact: high\nurgency: medium\npriority: P2', 'impact: high\nurgency: high\npriority: P1'],
      ['status: investigating', 'status: on_hold\nhold_reason: awaiting_vendor'],
      [
        'message: We are investigating failed card payments.',
        'message: We are investigating failed card payments.\n  - at: 2026-03-01T10:30:00Z\n    status: on_hold\n    message: Waiting for the card processor.',
      ],
    ),
    errors: ['lifecycle/approval incidents/INC-2026-0001.md:5'],
  },
  {
    name: "a pull request that changes the config's SLA, calendars, matrix, escalation, approvers or postmortem_required needs an approval",
    head: edit('incidents.config.yml', ['resolve: 4h', 'resolve: 400h'], ['postmortem_required: [P1, P2]', 'postmortem_required: [P1]']),
    errors: ['lifecycle/approval incidents.config.yml:11', 'lifecycle/approval incidents.config.yml:16'],
  },
  { name: 'a config change to the page needs no approval', head: edit('incidents.config.yml', ['name: ', 'name: New ']), errors: [] },
  {
    name: 'moving a timestamp of an incident within its SLA is only a warning',
    head: edit(INC2, ['started_at: 2026-02-01T08:00:00Z', 'started_at: 2026-02-01T07:55:00Z']),
    errors: [],
    warnings: ['lifecycle/timestamp-changed incidents/INC-2026-0002.md:13'],
  },
  {
    name: 'closing while lowering the priority still needs the postmortem of the higher one',
    base: { [PM2]: null },
    head: { [INC2]: CLOSE_INC2[INC2]!.replace(...P1_TO_P3) },
    errors: [
      'lifecycle/approval incidents/INC-2026-0002.md:5',
      'lifecycle/postmortem incidents/INC-2026-0002.md:5',
      'lifecycle/approval incidents/INC-2026-0002.md:6',
      'lifecycle/approval incidents/INC-2026-0002.md:8',
    ],
  },
  {
    name: "a closed P1's postmortem made a draft again",
    base: CLOSE_INC2,
    head: edit(PM2, ['status: published', 'status: draft']),
    errors: ['lifecycle/postmortem incidents/INC-2026-0002.postmortem.md:3'],
  },
  {
    name: "a closed P1's postmortem may still be corrected",
    base: CLOSE_INC2,
    head: edit(PM2, ['Page loads took 8 s instead of 1 s.', 'Page loads took 8 s instead of 1.2 s.']),
    errors: [],
  },
  {
    name: 'closing a P3 needs no postmortem',
    base: { ...edit(INC2, P1_TO_P3), [PM2]: null },
    head: { [INC2]: CLOSE_INC2[INC2]!.replace(...P1_TO_P3) },
    errors: ['lifecycle/approval incidents/INC-2026-0002.md:5'],
  },
  ...PROBLEM_CASES,
];

const lifecycle = suite('check-pr: lifecycle rules on real git repositories');

for (const { name, head, base, errors, warnings = [] } of CASES) {
  lifecycle(name, async () => {
    const result = await checkPr(head, { base });
    assert.equal(result.errors, errors, JSON.stringify(result.verdict.findings, null, 2));
    assert.equal(result.warnings, warnings);
    assert.is(result.code, errors.length > 0 ? 1 : 0, result.stderr);
  });
}

lifecycle('every lifecycle rule has a case that breaks it', async () => {
  const { CHANGE_RULES } = await import('../scripts/core/rules/index.js');
  const covered = new Set(CASES.flatMap((testCase) => [...testCase.errors, ...(testCase.warnings ?? [])].map((where) => where.split(' ')[0])));
  assert.equal(
    CHANGE_RULES.map((rule) => rule.id).filter((id) => !covered.has(id)),
    [],
  );
});

lifecycle('messages name what was found and what was expected', async () => {
  const { verdict } = await checkPr(
    edit(
      INC1,
      ['status: investigating', 'status: reported'],
      [
        'message: We are investigating failed card payments.',
        'message: We are investigating failed card payments.\n  - at: 2026-03-01T10:20:00Z\n    status: reported\n    message: Back.',
      ],
    ),
  );
  assert.equal(
    verdict.findings.map((finding) => finding.message),
    ['Unexpected status "reported" after "investigating", expected one of identified, monitoring, on_hold, resolved, cancelled'],
  );
  assert.is(verdict.approved, null);
});

lifecycle('a known-error match tells a pull request which keys to write', async () => {
  const { verdict } = await checkPr(newReportsIncident('Report export timed out'));
  assert.match(verdict.findings[0]!.message, /cancel it with cancel_reason: known_error and known_error: KE-0001, or say why not in known_error_dismissed\./);
});

const errorsSuite = suite('check-pr: usage, git and config errors');

errorsSuite('text output reads path:line:col: message (rule), and says when the gate passes', async () => {
  const repo = makePullRequestRepo(BASE, {}, { [INC3]: null });
  const failing = await runCliCapturing(['check-pr', '--base', 'main', '--head', 'pr', '--root', repo.dir]);
  assert.is(failing.code, 1);
  assert.match(
    failing.stdout,
    /^incidents\/INC-2026-0003\.md:1:1: incidents\/INC-2026-0003\.md is deleted, but records are never deleted: cancel an incident instead .* \(lifecycle\/deleted\)\n$/,
  );
  const passing = await runCliCapturing(['check-pr', '--base', 'main', '--head', 'main', '--root', repo.dir]);
  assert.is(passing.code, 0);
  assert.match(passing.stderr, /0 changed record files: the gate passes/);
});

errorsSuite('--format github: annotations on the line at fault, every finding in the job summary', async () => {
  const repo = makePullRequestRepo(BASE, {}, RESOLVE_INC1);
  const summary = join(repo.dir, '..', `${repo.dir.split('/').pop()}-summary.md`);
  const { code, stdout } = await runCliCapturing(['check-pr', '--base', 'main', '--head', 'pr', '--root', repo.dir, '--format', 'github'], {
    env: { GITHUB_STEP_SUMMARY: summary },
  });
  assert.is(code, 1);
  assert.match(
    stdout,
    /^::error file=incidents\/INC-2026-0001\.md,line=5,col=9,title=lifecycle\/approval::Entering resolved needs an approving review from one of @alice, @bob, @api-lead, .*there is no token to read the reviews with/,
  );
  assert.match(readFileSync(summary, 'utf8'), /### incidents check-pr\n\n1 finding\.\n\n\| where \| severity \| message \| rule \|/);
});

errorsSuite('the head is read as validate reads a folder: links refused, sub-folders warned about', async () => {
  const repo = makePullRequestRepo(BASE, {}, { 'incidents/old/INC-2025-0001.md': read(INC1) });
  symlinkSync('INC-2026-0001.md', join(repo.dir, 'incidents/INC-2026-0009.md'));
  git(repo.dir, 'add', '-A');
  git(repo.dir, 'commit', '-q', '-m', 'a link');
  const { errors, warnings } = await runCheckPr(repo.dir);
  assert.equal(errors, ['file/unreadable incidents/INC-2026-0009.md:1']);
  assert.equal(warnings, ['file/name incidents/old:1']);
});

const USAGE_CASES: { name: string; args: (dir: string) => string[]; message: RegExp }[] = [
  { name: '--head missing', args: (dir) => ['--base', 'main', '--root', dir], message: /--base and --head are both needed/ },
  { name: 'an unknown ref', args: (dir) => ['--base', 'nope', '--head', 'pr', '--root', dir], message: /--base nope is not a commit in .*fetch-depth: 0/ },
  {
    name: 'a ref that looks like an option',
    args: (dir) => ['--base=--output=/tmp/x', '--head', 'pr', '--root', dir],
    message: /--base --output=\/tmp\/x is not a commit/,
  },
  {
    name: 'not a git repository',
    args: () => ['--base', 'main', '--head', 'pr', '--root', copyOutsideGit(BASE)],
    message: /is not a git checkout git can read: git rev-parse failed: .*not a git repository/,
  },
];

/** A copy of a folder somewhere no git repository encloses. */
function copyOutsideGit(folder: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'incidents-nogit-'));
  cpSync(folder, dir, { recursive: true });
  return dir;
}

for (const { name, args, message } of USAGE_CASES) {
  errorsSuite(`exit 2: ${name}`, async () => {
    const repo = makePullRequestRepo(BASE, {}, {});
    const { code, stderr } = await runCliCapturing(['check-pr', ...args(repo.dir)]);
    assert.is(code, 2);
    assert.match(stderr, message);
    assert.not.match(stderr, /internal error/);
  });
}

errorsSuite('exit 2 with the reason when a shallow clone hides the common history', async () => {
  const repo = makePullRequestRepo(BASE, {}, RESOLVE_INC1);
  git(repo.dir, 'checkout', '-q', 'main');
  git(repo.dir, 'commit', '-q', '--allow-empty', '-m', 'main moves on');
  const shallow = `${repo.dir}-shallow`;
  git(ROOT, 'clone', '-q', '--depth', '1', '--no-single-branch', `file://${repo.dir}`, shallow);
  const { code, stderr } = await runCliCapturing(['check-pr', '--base', 'origin/main', '--head', 'origin/pr', '--root', shallow]);
  assert.is(code, 2);
  assert.match(stderr, /have no common ancestor: the checkout is shallow.*fetch-depth: 0/);
});

errorsSuite('the base branch moving on is not read as the pull request undoing its changes', async () => {
  const repo = makePullRequestRepo(BASE, {}, { [INC1]: `${read(INC1)}More notes.\n` });
  git(repo.dir, 'checkout', '-q', 'main');
  git(repo.dir, 'rm', '-q', INC3);
  git(repo.dir, 'commit', '-q', '-m', 'main deletes a record (reviewed elsewhere)');
  const { code, stdout } = await runCliCapturing(['check-pr', '--base', 'main', '--head', 'pr', '--root', repo.dir, '--format', 'json']);
  assert.equal(JSON.parse(stdout).findings, []);
  assert.is(code, 0);
});

errorsSuite('exit 2 when the head breaks the config', async () => {
  const { code, errors } = await checkPr({
    'incidents.config.yml': read('incidents.config.yml').replace('postmortem_required: [P1, P2]', 'postmortem_required: [P9]'),
  });
  assert.is(code, 2);
  assert.equal(errors, ['schema/enum incidents.config.yml:16']);
});

const reads = suite('check-pr: reads the changed records and what their checks need');

const CONFIG = 'incidents.config.yml';
const REPORTS_RETIRED = edit(CONFIG, ['  - {id: reports, name: Reports, group: Back office}\n', '']);

const KE1 = 'known-errors/KE-0001.md';

/** A known error on the reports service, retired, whose pattern would match every new incident there. */
function retiredKnownError(id: string): string {
  return read(KE1).replace('id: KE-0001', `id: ${id}`).replace('status: active', 'status: retired').replace('"export.*time(d)? ?out"', '"."');
}

/** Retired known errors, one of them (KE-0009.md) holding the id KE-0002. */
const RETIRED_KNOWN_ERRORS: FileEdits = {
  'known-errors/KE-0003.md': retiredKnownError('KE-0003'),
  'known-errors/KE-0004.md': retiredKnownError('KE-0004'),
  'known-errors/KE-0009.md': retiredKnownError('KE-0002'),
};

/** Changes whose checks need records the change did not touch, and where those checks find errors. */
const NEEDS_CASES: Case[] = [
  {
    name: 'a note on INC-2026-0001 is not blamed for a broken record it did not touch',
    base: edit(INC3, ['priority: P3', 'priority: P1']),
    head: { [INC1]: `${read(INC1)}More notes.\n` },
    errors: [],
  },
  {
    name: 'a changed config checks every record again',
    head: REPORTS_RETIRED,
    errors: [
      'record/known-service incidents/INC-2026-0003.md:10',
      'record/known-service known-errors/KE-0001.md:5',
      'record/known-service known-errors/KE-0001.md:7',
    ],
  },
  { name: 'a changed postmortem finds its unchanged incident', head: { [PM2]: `${read(PM2)}\nOne more finding.\n` }, errors: [] },
  { name: 'a known_error names an unchanged known error', head: edit(INC1, ['visibility: public', 'visibility: public\nknown_error: KE-0001']), errors: [] },
  {
    name: 'a known_error that names none',
    head: edit(INC1, ['visibility: public', 'visibility: public\nknown_error: KE-0009']),
    errors: ['record/reference incidents/INC-2026-0001.md:13'],
  },
  {
    name: 'a new incident is matched against the active known error among retired ones',
    base: RETIRED_KNOWN_ERRORS,
    head: newReportsIncident('Report export timed out'),
    errors: ['lifecycle/known-error-match incidents/INC-2026-0004.md:3'],
  },
  {
    name: 'a known error made active through a YAML escape still matches',
    base: { ...RETIRED_KNOWN_ERRORS, ...edit(KE1, ['status: active', 'status: "\\x61ctive"']) },
    head: newReportsIncident('Report export timed out'),
    errors: ['lifecycle/known-error-match incidents/INC-2026-0004.md:3'],
  },
  {
    name: 'an added known error with the id a retired one holds under another file name',
    base: RETIRED_KNOWN_ERRORS,
    head: { 'known-errors/KE-0002.md': retiredKnownError('KE-0002') },
    errors: ['record/unique-id known-errors/KE-0002.md:2'],
  },
  {
    name: 'an added incident with the id of an unchanged one',
    head: { 'incidents/INC-2026-0003-again.md': read(INC3) },
    errors: [
      'record/unique-id incidents/INC-2026-0003-again.md:2',
      'lifecycle/approval incidents/INC-2026-0003-again.md:5',
      'lifecycle/initial-status incidents/INC-2026-0003-again.md:5',
    ],
  },
];

for (const { name, head, base, errors, warnings = [] } of NEEDS_CASES) {
  reads(name, async () => {
    const result = await checkPr(head, { base });
    assert.equal(result.errors, errors, JSON.stringify(result.verdict.findings, null, 2));
    assert.equal(result.warnings, warnings);
  });
}

reads('validate, run on the same pull request, reports the broken record check-pr left alone', async () => {
  const { repo } = await checkPr({ [INC1]: `${read(INC1)}More notes.\n` }, { base: edit(INC3, ['priority: P3', 'priority: P1']) });
  const { code, stdout } = await runCliCapturing(['validate', '--root', repo.dir, '--format', 'json']);
  assert.is(code, 1);
  assert.equal(
    (JSON.parse(stdout) as Verdict).findings.map((finding) => `${finding.rule} ${finding.path}`),
    ['record/priority-matrix incidents/INC-2026-0003.md'],
  );
});

lifecycle.run();
errorsSuite.run();
reads.run();
