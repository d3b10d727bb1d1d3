import type { ReviewEvidence } from './approvals.js';
import { fileFinding, hasErrors, sortFindings, type Finding } from '../findings.js';
import { KIND_NAMES, perKind, recordKindOf, type RecordData, type RecordKind } from '../records/kinds.js';
import type { DeletedRecord, FileChange, PullRequest, RecordChange } from './pull-request.js';
import type { RecordLists, RecordSet, ValidRecord } from '../records/record-set.js';
import { CHANGE_RULES } from '../rules/index.js';
import { lifecycleApproval, needingApproval, policyChanges } from '../rules/lifecycle/approval.js';
import type { Config } from '../records/types.js';
import { checkConfig, checkRecords, checkRepository, parseRecordAs, type TextFile } from '../records/validate.js';

/** What the gate reads of a pull request: both ends' files, what git says changed, and the reviews. */
export interface PullRequestFiles {
  /** The base's config, when it has one, and the base versions of the changed records, at the merge base. */
  base: { config?: TextFile; records: readonly TextFile[] };
  /** The config whose approvers and postmortem_required apply: the --base commit's own (default: the base's). */
  policy?: TextFile;
  /**
   * The head's config and its record files: every one, or, when `partial`, only the changed ones
   * and those their checks need (recordsAChangeNeeds); findings are then kept for changed files only.
   */
  head: { config: TextFile; records: readonly TextFile[]; partial?: boolean };
  changes: readonly FileChange[];
  reviews: ReviewEvidence;
  /** When the gate runs, in milliseconds (the SLA of a changed incident is judged at it). */
  now: number;
}

/** The gate's verdict. `approved` is null when nothing needs an approval, and `configValid` false when the head's config has errors (then only they are reported). */
export interface PullRequestVerdict {
  findings: Finding[];
  approved: boolean | null;
  configValid: boolean;
  /** The head's valid records (those read), when its config is valid: what the preview of what merging publishes is built from. */
  head?: RecordSet;
  /** Whether validate finds no error in the records checked (the change rules aside): a site can be built from the head. */
  headValid: boolean;
}

/**
 * Checks a pull request: all of validate on the head (on its changed records, when `head.partial`),
 * then the change rules on each changed record.
 * The policy (approvers, postmortem_required) comes from `policy`, the --base commit's own config;
 * only when it has no valid config (the pull request that adds it) from the head, with a warning.
 * What the pull request changes in the config is judged against the merge base's.
 */
export function checkPullRequest(files: PullRequestFiles): PullRequestVerdict {
  const head = checkRepository(files.head);
  if (!head.records) return { findings: head.findings, approved: null, configValid: false, headValid: false };

  const changed = new Set(files.changes.map((change) => change.path));
  const findings = files.head.partial ? head.findings.filter((finding) => changed.has(finding.path)) : [...head.findings];
  const headValid = !hasErrors(findings);
  const headConfig = head.config;
  // Most pull requests leave the config alone: the same text at every end is checked once.
  const configOf = (file: TextFile | undefined): Config | undefined =>
    file && (file.text === files.head.config.text ? headConfig?.data : checkConfig(file).config?.data);
  const basePolicy = configOf(files.policy ?? files.base.config);
  const baseConfig = configOf(files.base.config);
  if (!basePolicy) {
    const message = `The base has no valid ${files.head.config.path}, so approvers and postmortem_required are read from this pull request's own config`;
    findings.push(fileFinding(files.head.config.path, lifecycleApproval.id, message, 'warning'));
  }
  const pullRequest = {
    ...toPullRequest(files, head.records, basePolicy ?? head.records.config),
    configChange: baseConfig && headConfig && { before: baseConfig, after: headConfig },
  };
  for (const rule of CHANGE_RULES) for (const finding of rule.check(pullRequest)) findings.push(finding);
  return { findings: sortFindings(findings), approved: approvedOf(pullRequest, findings), configValid: true, head: head.records, headValid };
}

function toPullRequest(files: PullRequestFiles, head: RecordSet, policy: Config): PullRequest {
  const deleted: DeletedRecord[] = [];
  const changedByKind = perKind((): FileChange[] => []);
  for (const change of files.changes) {
    const kind = recordKindOf(change.path);
    const baseKind = change.basePath === undefined ? kind : recordKindOf(change.basePath);
    // A record moved to where no record is read (a sub-folder), or renamed into another kind, is gone.
    if (baseKind && (change.kind === 'deleted' || baseKind !== kind)) deleted.push({ path: change.basePath ?? change.path, kind: baseKind });
    if (!kind || change.kind === 'deleted') continue;
    changedByKind[kind].push(baseKind === kind ? change : { kind: 'added', path: change.path });
  }
  const baseFiles = new Map(files.base.records.map((file) => [file.path, file]));
  const changes: MutableChanges = perKind((): never[] => []);
  for (const kind of KIND_NAMES) collectChanges(kind, changedByKind[kind], head, baseFiles, changes);
  return { ...changes, policy, head, deleted, reviews: files.reviews, now: files.now };
}

type MutableChanges = { [K in RecordKind]: RecordChange<RecordData[K]>[] };

/** The changes of one kind of record: each file's version at the base (parsed as that kind) and at the head. */
function collectChanges<K extends RecordKind>(
  kind: K,
  fileChanges: readonly FileChange[],
  head: RecordLists,
  baseFiles: ReadonlyMap<string, TextFile>,
  into: MutableChanges,
): void {
  if (fileChanges.length === 0) return;
  const atHead = new Map(head[kind].map((record) => [record.path, record]));
  for (const change of fileChanges) {
    const baseFile = change.kind === 'added' ? undefined : baseFiles.get(change.basePath ?? change.path);
    into[kind].push({ kind: change.kind, base: baseFile && parseRecordAs(kind, baseFile).record, head: atHead.get(change.path) });
  }
}

/** Null when no change needs an approval; otherwise whether every one that needs it has it. */
function approvedOf(pullRequest: PullRequest, findings: readonly Finding[]): boolean | null {
  if (needingApproval(pullRequest).length === 0 && policyChanges(pullRequest).length === 0) return null;
  return !findings.some((finding) => finding.rule === lifecycleApproval.id && finding.severity === 'error');
}

/**
 * The findings of one record file written by `incidents new` or `update`: validate's, with the
 * edited file among the others, and the gate's change rules against its earlier version, so the
 * command gives the messages the pull request would. Only the approval is left to the review.
 * @param kind the kind of the edited record (default: an incident)
 * @param now the moment of the edit
 * @param base the record before the edit; undefined for a new record
 * @param remedies `cli` to phrase what to do as commands, for someone who typed one
 */
export function checkRecordEdit<K extends RecordKind = 'incidents'>(
  config: Config,
  others: readonly TextFile[],
  edited: TextFile,
  { now, base, remedies = 'yaml', kind = 'incidents' as K }: { now: number; base?: ValidRecord<RecordData[K]>; remedies?: PullRequest['remedies']; kind?: K },
): Finding[] {
  const { records, findings } = checkRecords(config, [...others.filter((file) => file.path !== edited.path), edited]);
  const changes: MutableChanges = perKind((): never[] => []);
  const lists: RecordLists = records;
  const head = lists[kind].find((record) => record.path === edited.path);
  const into: RecordChange<RecordData[K]>[] = changes[kind];
  if (head) into.push({ kind: base ? 'modified' : 'added', base, head });
  const pullRequest: PullRequest = {
    ...changes,
    policy: config,
    head: records,
    deleted: [],
    reviews: { known: false, reason: 'a review gives it' },
    now,
    remedies,
  };
  const changeFindings = CHANGE_RULES.filter((rule) => rule !== lifecycleApproval).flatMap((rule) => rule.check(pullRequest));
  return sortFindings([...findings, ...changeFindings].filter((finding) => finding.path === edited.path));
}
