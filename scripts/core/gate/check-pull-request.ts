import type { ReviewEvidence } from './approvals.js';
import { sortFindings, type Finding } from '../findings.js';
import { recordKindOf } from '../records/parse-record.js';
import type { FileChange, PullRequest, RecordChange } from './pull-request.js';
import type { ValidRecord } from '../records/record-set.js';
import { CHANGE_RULES } from '../rules/index.js';
import { lifecycleApproval, needingApproval } from '../rules/lifecycle/approval.js';
import type { Config, Incident } from '../records/types.js';
import { checkConfig, checkRecords, checkRepository, parseValidRecord, type TextFile } from '../records/validate.js';

/** What the gate reads of a pull request: both ends' files, what git says changed, and the reviews. */
export interface PullRequestFiles {
  /** The base's config, when it has one, and the base versions of the changed records. */
  base: { config?: TextFile; records: readonly TextFile[] };
  /**
   * The head's config and its record files: every one, or, when `partial`, only the changed ones
   * and those their checks need (recordsAChangeNeeds); findings are then kept for changed files only.
   */
  head: { config: TextFile; records: readonly TextFile[]; partial?: boolean };
  changes: readonly FileChange[];
  reviews: ReviewEvidence;
}

/** The gate's verdict. `approved` is null when nothing needs an approval, and `configValid` false when the head's config has errors (then only they are reported). */
export interface PullRequestVerdict {
  findings: Finding[];
  approved: boolean | null;
  configValid: boolean;
}

/**
 * Checks a pull request: all of validate on the head (on its changed records, when `head.partial`),
 * then the change rules on each changed record.
 * The policy (approvers, postmortem_required) comes from the base's config; only when the base has
 * no valid config (the pull request that adds it) does it come from the head, with a warning.
 */
export function checkPullRequest(files: PullRequestFiles): PullRequestVerdict {
  const head = checkRepository(files.head);
  if (!head.records) return { findings: head.findings, approved: null, configValid: false };

  const changed = new Set(files.changes.map((change) => change.path));
  const findings = files.head.partial ? head.findings.filter((finding) => changed.has(finding.path)) : [...head.findings];
  const basePolicy = files.base.config && checkConfig(files.base.config).config?.data;
  if (!basePolicy) {
    findings.push({ path: files.head.config.path, line: 1, column: 1, rule: 'lifecycle/approval', severity: 'warning', message: `The base has no valid ${files.head.config.path}, so approvers and postmortem_required are read from this pull request's own config` });
  }
  const pullRequest = toPullRequest(files, head.records, basePolicy ?? head.records.config);
  findings.push(...CHANGE_RULES.flatMap((rule) => rule.check(pullRequest)));
  return { findings: sortFindings(findings), approved: approvedOf(pullRequest, findings), configValid: true };
}

function toPullRequest(files: PullRequestFiles, head: PullRequest['head'], policy: Config): PullRequest {
  const atHead = new Map<string, ValidRecord<unknown>>([...head.incidents, ...head.postmortems, ...head.knownErrors].map((record) => [record.path, record]));
  const atBase = new Map(files.base.records.map((file) => [file.path, parseValidRecord(file).record]));
  const changed: Record<'incident' | 'postmortem' | 'known_error', RecordChange<unknown>[]> = { incident: [], postmortem: [], known_error: [] };
  const deleted: string[] = [];
  for (const change of files.changes) {
    const kind = recordKindOf(change.path);
    const baseKind = change.basePath === undefined ? kind : recordKindOf(change.basePath);
    // A record moved to where no record is read (a sub-folder), or renamed into another kind, is gone.
    if (baseKind && (change.kind === 'deleted' || baseKind !== kind)) deleted.push(change.basePath ?? change.path);
    if (!kind || change.kind === 'deleted') continue;
    const base = baseKind === kind && change.kind !== 'added' ? atBase.get(change.basePath ?? change.path) : undefined;
    changed[kind].push({ kind: baseKind === kind ? change.kind : 'added', base, head: atHead.get(change.path) });
  }
  return {
    policy,
    head,
    incidents: changed.incident as PullRequest['incidents'],
    postmortems: changed.postmortem as PullRequest['postmortems'],
    knownErrors: changed.known_error as PullRequest['knownErrors'],
    deleted,
    reviews: files.reviews,
  };
}

/** Null when no change needs an approval; otherwise whether every one that needs it has it. */
function approvedOf(pullRequest: PullRequest, findings: readonly Finding[]): boolean | null {
  if (needingApproval(pullRequest).length === 0) return null;
  return !findings.some((finding) => finding.rule === lifecycleApproval.id && finding.severity === 'error');
}

/**
 * The findings of one record file written by `incidents new` or `update`: validate's, with the
 * edited file among the others, and the gate's change rules against its earlier version, so the
 * command gives the messages the pull request would. Only the approval is left to the review.
 * @param base the record before the edit; undefined for a new record
 */
export function checkRecordEdit(config: Config, others: readonly TextFile[], edited: TextFile, base?: ValidRecord<Incident>): Finding[] {
  const { records, findings } = checkRecords(config, [...others.filter((file) => file.path !== edited.path), edited]);
  const head = records.incidents.find((record) => record.path === edited.path);
  const pullRequest: PullRequest = {
    policy: config,
    head: records,
    incidents: head ? [{ kind: base ? 'modified' : 'added', base, head }] : [],
    knownErrors: [],
    postmortems: [],
    deleted: [],
    reviews: { known: false, reason: 'a review gives it' },
  };
  const changeFindings = CHANGE_RULES.filter((rule) => rule !== lifecycleApproval).flatMap((rule) => rule.check(pullRequest));
  return sortFindings([...findings, ...changeFindings].filter((finding) => finding.path === edited.path));
}
