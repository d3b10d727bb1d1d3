import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { mapIntake, type IntakeResult, type IntakeState } from '../../scripts/core/intake/map-intake.js';
import { parsePayload } from '../../scripts/core/intake/parse-payload.js';
import type { IntakeSource } from '../../scripts/core/intake/payload.js';
import { checkRepository, type TextFile } from '../../scripts/core/records/validate.js';
import { ROOT } from './run-cli.js';

/** The intake fixtures: a repository with an intake section and a known error, and webhook bodies. */
export const INTAKE = join(ROOT, 'test/fixtures/intake');
export const INTAKE_REPO = join(INTAKE, 'repo');

/** A fixture payload, parsed from JSON afresh (tests change it). */
export function fixture<T = Record<string, unknown>>(name: string): T {
  return JSON.parse(readFileSync(join(INTAKE, name), 'utf8')) as T;
}

/** The fixture repository's record files. */
export function repoFiles(): TextFile[] {
  return ['incidents', 'known-errors'].flatMap((folder) =>
    readdirSync(join(INTAKE_REPO, folder))
      .filter((name) => name.endsWith('.md'))
      .map((name) => ({ path: `${folder}/${name}`, text: readFileSync(join(INTAKE_REPO, folder, name), 'utf8') })),
  );
}

/** The intake state of a set of record files on the fixture's config (which must be valid). */
export function stateOf(files: readonly TextFile[], configText = readFileSync(join(INTAKE_REPO, 'incidents.config.yml'), 'utf8')): IntakeState {
  const { records, findings } = checkRepository({ config: { path: 'incidents.config.yml', text: configText }, records: files });
  const errors = findings.filter((finding) => finding.severity === 'error');
  if (!records || errors.length > 0)
    throw new Error(`the fixture is not valid: ${errors.map((finding) => `${finding.path}:${finding.line} ${finding.message}`).join('; ')}`);
  return { config: records.config, files, incidents: records.incidents, knownErrors: records.knownErrors };
}

/** Runs intake on a payload over files, and returns the result and the files after it. */
export function runIntake(files: readonly TextFile[], payload: unknown, source: IntakeSource | undefined, at: string, configText?: string) {
  const parsed = parsePayload(payload, source);
  if (!parsed.ok) throw new Error(parsed.problems.join('; '));
  const result: IntakeResult = mapIntake(stateOf(files, configText), parsed.value, at);
  const after = new Map(files.map((file) => [file.path, file.text]));
  for (const change of [...result.created, ...result.updated]) after.set(change.path, change.file.text);
  return { result, files: [...after].map(([path, text]) => ({ path, text })) };
}

/** GitHub's example `issues` opened event (@octokit/webhooks-examples) made a report of the form. */
export function issueEvent(overrides: { number?: number; body?: string; labels?: string[]; title?: string; login?: string } = {}) {
  const examples = createRequire(import.meta.url)('@octokit/webhooks-examples') as { name: string; examples: Record<string, unknown>[] }[];
  const opened = structuredClone(examples.find((entry) => entry.name === 'issues')!.examples.find((example) => example.action === 'opened')!) as {
    issue: Record<string, unknown> & { user: Record<string, unknown> };
  };
  const number = overrides.number ?? 42;
  Object.assign(opened.issue, {
    number,
    html_url: `https://github.com/acme/incidents/issues/${number}`,
    title: overrides.title ?? '[Incident] Checkout fails with card payments',
    created_at: '2026-03-01T09:55:00Z',
    labels: (overrides.labels ?? ['incident-report']).map((name, index) => ({ id: index + 1, name, color: 'ededed', default: false })),
    body:
      overrides.body ??
      '### Service\n\nCheckout API (checkout-api)\n\n### Impact\n\nhigh\n\n### Urgency\n\nmedium\n\n### What is happening\n\nPaying by card fails with "Something went wrong" since 09:50.\n<script>alert(1)</script>',
  });
  opened.issue.user.login = overrides.login ?? 'carol';
  return opened;
}
