import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as assert from 'uvu/assert';
import { makePullRequestRepo, type FileEdits } from './git-repo.js';
import { ROOT, runCliCapturing } from './run-cli.js';

/** The main branch every case starts from. */
export const BASE = join(ROOT, 'test/fixtures/check-pr/base');
/** When check-pr runs in these cases: long after every fixture record, so which of them breached their SLA never changes. */
export const AT = '2026-11-28T12:00:00Z';

/** A file of the base repository. */
export function read(path: string): string {
  return readFileSync(join(BASE, path), 'utf8');
}

/** New text for a base file, with each [from, to] replaced once (failing loudly if `from` is not there). */
export function edit(path: string, ...replacements: [string, string][]): FileEdits {
  let text = read(path);
  for (const [from, to] of replacements) {
    assert.ok(text.includes(from), `${path} has no ${JSON.stringify(from)}`);
    text = text.replace(from, to);
  }
  return { [path]: text };
}

export const INC1 = 'incidents/INC-2026-0001.md';
export const INC2 = 'incidents/INC-2026-0002.md';
export const INC3 = 'incidents/INC-2026-0003.md';
export const PM2 = 'incidents/INC-2026-0002.postmortem.md';

/** INC-2026-0001 moved from investigating to resolved, as an engineer would write it. */
export const RESOLVE_INC1 = edit(
  INC1,
  ['status: investigating', 'status: resolved'],
  [
    'acknowledged_at: 2026-03-01T10:09:00Z',
    'acknowledged_at: 2026-03-01T10:09:00Z\nresolved_at: 2026-03-01T11:00:00Z\nresolution: {code: fixed, summary: Restarted the payment workers.}',
  ],
  [
    'message: We are investigating failed card payments.',
    'message: We are investigating failed card payments.\n  - at: 2026-03-01T11:00:00Z\n    status: resolved\n    message: Card payments work again.',
  ],
);

/** INC-2026-0002 moved from resolved to closed. */
export const CLOSE_INC2 = edit(
  INC2,
  ['status: resolved', 'status: closed'],
  ['resolved_at: 2026-02-01T09:30:00Z', 'resolved_at: 2026-02-01T09:30:00Z\nclosed_at: 2026-02-03T10:00:00Z'],
  [
    'message: Pages load normally again.',
    'message: Pages load normally again.\n  - at: 2026-02-03T10:00:00Z\n    status: closed\n    message: The postmortem is published.',
  ],
);

/** The JSON verdict of check-pr. */
export interface Verdict {
  findings: { path: string; line: number; column: number; rule: string; severity: string; message: string }[];
  approved: boolean | null;
}

/** Runs check-pr --format json on a repository's main and pr branches, in-process, with the given environment. */
export async function runCheckPr(dir: string, env: Record<string, string> = {}) {
  const { code, stdout, stderr } = await runCliCapturing(['check-pr', '--base', 'main', '--head', 'pr', '--at', AT, '--root', dir, '--format', 'json'], {
    env,
  });
  const verdict = JSON.parse(stdout) as Verdict;
  const where = (severity: string) =>
    verdict.findings.filter((finding) => finding.severity === severity).map((finding) => `${finding.rule} ${finding.path}:${finding.line}`);
  return { code, stderr, verdict, errors: where('error'), warnings: where('warning') };
}

/** Runs check-pr on a fresh repository (main = BASE + `base`, pr = main + `head`). */
export async function checkPr(head: FileEdits, { base = {} as FileEdits, env = {} as Record<string, string> } = {}) {
  const repo = makePullRequestRepo(BASE, base, head);
  return { ...(await runCheckPr(repo.dir, env)), repo };
}

/** A maintenance window on the reports service, after the tests' instant (AT, 28 Nov 2026). */
export function maintenance(until = '2026-12-05T08:00:00Z'): FileEdits {
  return {
    'incidents/INC-2026-0004.md': `---
id: INC-2026-0004
title: Reports database upgrade
type: maintenance
status: scheduled
impact: low
urgency: low
priority: P5
services:
  - id: reports
    status: under_maintenance
visibility: public
reported_at: 2026-11-20T16:00:00Z
scheduled_for: 2026-12-05T06:00:00Z
scheduled_until: ${until}
updates:
  - at: 2026-11-20T16:00:00Z
    status: scheduled
    message: Reports are not available while we upgrade their database.
---
`,
  };
}

/** INC-2026-0001 gains an update at 10:30 that records `state` for the API, and the record says it (its first update gets the states it had, as `update` writes them). */
export function updateInc1(message: string, state = 'partial_outage', status = 'identified'): FileEdits {
  return edit(
    INC1,
    ['status: investigating\nimpact', `status: ${status}\nimpact`],
    ['    status: partial_outage', `    status: ${state}`],
    [
      'message: We are investigating failed card payments.',
      `message: We are investigating failed card payments.\n    services: [{id: api, status: partial_outage}]\n  - at: 2026-03-01T10:30:00Z\n    status: ${status}\n    services: [{id: api, status: ${state}}]\n    message: ${JSON.stringify(message)}`,
    ],
  );
}
