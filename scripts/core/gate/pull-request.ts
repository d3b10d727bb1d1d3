import type { ReviewEvidence } from './approvals.js';
import type { Finding } from '../findings.js';
import type { RecordSet, Valid, ValidRecord } from '../records/record-set.js';
import type { RecordData, RecordKind } from '../records/kinds.js';
import type { Config, Incident } from '../records/types.js';

/** How a file changed between a pull request's base and its head, as git reports it. */
export interface FileChange {
  kind: 'added' | 'modified' | 'renamed' | 'deleted';
  /** The path at the head (at the base, for a deleted file). */
  path: string;
  /** The path at the base, when it differs (a rename). */
  basePath?: string;
}

/** One changed record: its version at the base and at the head, each when it exists and is valid. */
export interface RecordChange<T> {
  kind: FileChange['kind'];
  base?: ValidRecord<T>;
  head?: ValidRecord<T>;
}

/** The changed records of each kind (records/kinds.ts): `incidents`, `postmortems`, `knownErrors`. */
export type RecordChanges = { readonly [K in RecordKind]: readonly RecordChange<RecordData[K]>[] };

/** A record file a pull request deletes, and the kind it was. */
export interface DeletedRecord {
  path: string;
  kind: RecordKind;
}

/** Everything the pull-request gate looks at; the change rules read it and return findings. */
export type PullRequest = RecordChanges & {
  /**
   * The config the gate's policy comes from: approvers and postmortem_required are read from the
   * base, so a pull request cannot approve itself by editing them.
   */
  policy: Config;
  /** Every valid record at the head. */
  head: RecordSet;
  /** The config at the merge base and at the head (with where its keys are), when both are valid: what the pull request changes in it. */
  configChange?: { before: Config; after: Valid<Config> };
  deleted: readonly DeletedRecord[];
  reviews: ReviewEvidence;
  /** When the gate runs, in milliseconds: whether an incident has breached its SLA is judged at this moment. */
  now: number;
  /** How a finding says what to do: the YAML to edit (a pull request, the default) or the command to run (`incidents new`). */
  remedies?: 'yaml' | 'cli';
};

/** A check of what a pull request changes; its id is `lifecycle/<name>`, from `rules/lifecycle/<name>.ts`. */
export interface ChangeRule {
  id: string;
  check(pullRequest: PullRequest): Finding[];
}

/** The changed incidents that exist, valid, at both ends: the ones whose moves the lifecycle rules judge. */
export function movedIncidents(pullRequest: PullRequest): { base: ValidRecord<Incident>; head: ValidRecord<Incident> }[] {
  return pullRequest.incidents.flatMap(({ base, head }) => (base && head ? [{ base, head }] : []));
}

/** The incidents a pull request adds, valid at the head. */
export function addedIncidents(pullRequest: PullRequest): ValidRecord<Incident>[] {
  return pullRequest.incidents.flatMap(({ kind, head }) => (kind === 'added' && head ? [head] : []));
}

/**
 * The incidents that enter one of the statuses in this pull request: added in it, or moved to it.
 * One whose base version is not valid counts as entering, so a broken base never lets a change
 * skip the checks on entering a status.
 */
export function incidentsEntering(pullRequest: PullRequest, statuses: readonly string[]): ValidRecord<Incident>[] {
  return changesEntering(pullRequest, statuses).map(({ head }) => head);
}

/** incidentsEntering, with each incident's base version when it has a valid one. */
export function changesEntering(pullRequest: PullRequest, statuses: readonly string[]): { base?: ValidRecord<Incident>; head: ValidRecord<Incident> }[] {
  return pullRequest.incidents.flatMap(({ base, head }) => {
    if (!head || !statuses.includes(head.data.status)) return [];
    return !base || base.data.status !== head.data.status ? [{ base, head }] : [];
  });
}
