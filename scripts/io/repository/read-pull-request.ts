import { GitError, UsageError } from '../../core/errors.js';
import type { FileChange } from '../../core/gate/pull-request.js';
import type { TextFile } from '../../core/records/validate.js';
import { readForEveryChange, recordsAChangeNeeds } from '../../core/gate/records-a-change-needs.js';
import { RECORD_FOLDERS, recordKindOf } from '../../core/records/kinds.js';
import {
  diffEntries,
  findMergeBase,
  isShallow,
  listingOf,
  listTree,
  resolveCommit,
  typeOfMode,
  type DiffEntry,
  type TreeEntry,
  type TreeListing,
} from './git.js';
import { listRecordTree, readListings, readTreeEntries } from './read-git-tree.js';
import { CONFIG_FILE, type RepositoryFiles } from './read-repository.js';

/** What the gate reads of a pull request from git: the commits compared, what changed, and the files at both ends. */
export interface PullRequestRead {
  /** The merge base of --base and --head (what GitHub's diff shows), and the head, as commit ids. */
  commits: { base: string; head: string };
  /** The record files that changed; a change to the config is `configChanged`. */
  changes: FileChange[];
  /** The config and the base versions of the changed records, at the merge base. */
  base: RepositoryFiles;
  /** The config of the --base commit itself: the target branch as it is now, whose policy applies. */
  policy?: RepositoryFiles['config'];
  /** The head's config and records: every one when the config changed, else those a change needs (`partial`). */
  head: RepositoryFiles & { partial: boolean };
}

/**
 * Reads a pull request's two ends with git, as check-pr needs them. A ref that is not a commit, a
 * shallow checkout or a folder git cannot read is a UsageError saying what to do.
 *
 * Only the head's tree is listed (any record there may be needed); the diff gives the base
 * versions of the changed files, and the base tip's config is listed alone. Git's runs that do not
 * depend on one another run at once, and the files known to be needed at every end are measured
 * and read together: starting git costs more than the few files a change needs.
 */
export async function readPullRequest(root: string, baseRef: string, headRef: string): Promise<PullRequestRead> {
  const { base, head, baseTip } = await readCommits(root, baseRef, headRef);
  const [diff, headListing, policyListing] = await Promise.all([
    diffEntries(root, base, head, [...RECORD_FOLDERS, CONFIG_FILE]),
    listRecordTree(root, head),
    // Approvers removed on the target branch must not approve on an older branch: the policy is the tip's.
    baseTip === base ? undefined : listTree(root, baseTip, [CONFIG_FILE]),
  ]);
  const configChanged = diff.some(({ paths }) => paths.includes(CONFIG_FILE));
  const changes = toFileChanges(diff.filter(({ paths }) => !paths.includes(CONFIG_FILE)));
  const changedPaths = new Set(changes.map((change) => change.path));
  const none = listingOf([]);
  // A changed config: every record of the head is checked against it again. Otherwise the changed
  // records and, whatever they name, the kinds read for every change.
  const [changed, always, baseFiles, policy] = await readListings(root, [
    { listing: headListing, only: configChanged ? undefined : (path) => changedPaths.has(path) },
    { listing: configChanged ? none : headListing, only: (path) => !changedPaths.has(path) && readForEveryChange(path) },
    { listing: listingOf(baseEntries(diff, headListing, configChanged)) },
    { listing: policyListing ?? none, only: () => false },
  ]);
  const headFiles = configChanged ? { ...changed!, partial: false } : await withWhatChangesNeed(root, headListing, changedPaths, changed!, always!);
  return { commits: { base, head }, changes, base: baseFiles!, policy: (policyListing ? policy! : baseFiles!).config, head: headFiles };
}

/**
 * The base's entries the gate reads, as the diff gives them: the config (the head's, unless the
 * pull request changes it) and the base version of each changed file, in the tree's order.
 */
function baseEntries(diff: readonly DiffEntry[], head: TreeListing, configChanged: boolean): TreeEntry[] {
  const config = configChanged ? -1 : head.paths.indexOf(CONFIG_FILE);
  const entries = config === -1 ? [] : [head.entry(config)];
  for (const { before, paths } of diff) {
    const path = paths[0]!;
    // A file renamed to the config is no record at the base; the config renamed away was the base's config.
    if (before && (path === CONFIG_FILE || !paths.includes(CONFIG_FILE)))
      entries.push({ mode: before.mode, type: typeOfMode(before.mode), object: before.object, path });
  }
  return entries.sort(inTreeOrder);
}

/**
 * The head's files the gate reads when the config is unchanged: the changed records and those
 * their checks need (core/gate/records-a-change-needs.ts), so a one-file change to a repository of
 * thousands of records reads a handful. validate, run on every pull request too, checks the rest.
 */
async function withWhatChangesNeed(
  root: string,
  listing: TreeListing,
  changedPaths: ReadonlySet<string>,
  changed: RepositoryFiles,
  always: RepositoryFiles,
): Promise<RepositoryFiles & { partial: boolean }> {
  const needs = recordsAChangeNeeds(changed.records);
  const named = await readTreeEntries(root, listing, (path) => needs.reads(path) && !changedPaths.has(path) && !readForEveryChange(path));
  const others = [...always.records, ...named.records].filter(needs.keeps).sort(inTreeOrder);
  return { ...changed, records: [...changed.records, ...others], partial: true };
}

/** Paths in the order of a recursive `git ls-tree`: by their bytes (a folder's name sorts as if it ended in `/`). */
function inTreeOrder(a: { path: string }, b: { path: string }): number {
  return Buffer.compare(Buffer.from(a.path), Buffer.from(b.path));
}

/** How many of the rest of the head's files are read at once: memory holds one batch of texts, not a hundred thousand. */
const REST_BATCH = 5_000;

/**
 * What `select` keeps of the head's incident files readPullRequest left unread (a `partial` head):
 * the preview of what merging publishes needs the open ones when a service's state on the page may
 * change. The files are read in batches, each given to `select` and then let go. Files that cannot
 * be read are left out here; validate reports them.
 */
export async function readRestOfHead<T>(root: string, read: PullRequestRead, select: (files: readonly TextFile[]) => T[]): Promise<T[]> {
  const done = new Set(read.head.records.map((file) => file.path));
  const listing = await listRecordTree(root, read.commits.head);
  const rest: TreeEntry[] = [];
  for (let index = 0; index < listing.paths.length; index++) {
    const path = listing.paths[index]!;
    if (!done.has(path) && recordKindOf(path) === 'incidents') rest.push(listing.entry(index));
  }
  const selected: T[] = [];
  for (let start = 0; start < rest.length; start += REST_BATCH) {
    const { records } = await readTreeEntries(root, listingOf(rest.slice(start, start + REST_BATCH)));
    selected.push(...select(records));
  }
  return selected;
}

/** The commits to compare: the merge base of --base and --head (what GitHub's diff shows), and the head; and --base's own commit. */
async function readCommits(root: string, baseRef: string, headRef: string): Promise<{ base: string; head: string; baseTip: string }> {
  try {
    const [base, head] = await Promise.all([resolveCommit(root, baseRef), resolveCommit(root, headRef)]);
    const missing = !base ? `--base ${baseRef}` : !head ? `--head ${headRef}` : undefined;
    if (missing || !base || !head)
      throw new UsageError(`incidents check-pr: ${missing} is not a commit in ${root}: fetch it first (actions/checkout with fetch-depth: 0)`);
    const mergeBase = await findMergeBase(root, base, head);
    if (!mergeBase) {
      const why = (await isShallow(root))
        ? 'the checkout is shallow, so their common history is missing: use actions/checkout with fetch-depth: 0'
        : 'they share no history';
      throw new UsageError(`incidents check-pr: ${baseRef} and ${headRef} have no common ancestor: ${why}`);
    }
    return { base: mergeBase, head, baseTip: base };
  } catch (error) {
    if (error instanceof GitError) throw new UsageError(`incidents check-pr: ${root} is not a git checkout git can read: ${error.message}`);
    throw error;
  }
}

/** git's name-status letters as changes: A added, D deleted, R renamed, anything else modified. */
function toFileChanges(entries: readonly DiffEntry[]): FileChange[] {
  return entries.map(({ status, paths }): FileChange => {
    if (status.startsWith('R')) return { kind: 'renamed', basePath: paths[0], path: paths[1]! };
    if (status === 'A' || status.startsWith('C')) return { kind: 'added', path: paths.at(-1)! };
    return { kind: status === 'D' ? 'deleted' : 'modified', path: paths[0]! };
  });
}
