import { GitError, UsageError } from '../core/errors.js';
import { resolve } from 'node:path';
import type { ReviewEvidence } from '../core/gate/approvals.js';
import { checkPullRequest } from '../core/gate/check-pull-request.js';
import { hasErrors, sortFindings, type Finding } from '../core/findings.js';
import type { FileChange } from '../core/gate/pull-request.js';
import { recordsAChangeNeeds } from '../core/gate/records-a-change-needs.js';
import { diffNames, findMergeBase, isShallow, resolveCommit } from '../io/repository/git.js';
import { createGitHub, describeError, readReviewEvidence, upsertComment } from '../io/github/api.js';
import { readPullRequestTarget, type PullRequestTarget } from '../io/github/event.js';
import { listRecordTree, readGitTree, readTreeEntries } from '../io/repository/read-git-tree.js';
import { RECORD_FOLDERS } from '../core/records/kinds.js';
import { CONFIG_FILE, type RepositoryFiles } from '../io/repository/read-repository.js';
import { countOf, formatFindingsSummary } from '../render/findings.js';
import { chooseReporter } from '../reporters/index.js';
import { EXIT, parseOptions, type CommandContext } from './context.js';

export const CHECK_PR_USAGE = 'incidents check-pr --base REF --head REF [--root DIR] [--format text|json|github]';

/**
 * `incidents check-pr --base REF --head REF`: the pull-request gate. Reads both ends with git,
 * runs validate on the head and the lifecycle rules on each changed record, reads the reviews from
 * the GitHub API when run for a pull request, and reports (and comments, when the token may write).
 * Exit 0 clean, 1 findings, 2 usage, git or config error.
 */
export async function checkPrCommand(args: string[], context: CommandContext): Promise<number> {
  const { values } = parseOptions('check-pr', args, {
    base: { type: 'string' },
    head: { type: 'string' },
    root: { type: 'string' },
    format: { type: 'string' },
  });
  const reporter = chooseReporter('check-pr', values.format);
  if (!values.base || !values.head) throw new UsageError("incidents check-pr: --base and --head are both needed (the pull request's base and head commits)");
  const root = resolve(context.cwd, values.root ?? '.');

  const { base, head } = await readCommits(root, values.base, values.head);
  const diff = await diffNames(root, base, head, [...RECORD_FOLDERS, CONFIG_FILE]);
  const configChanged = diff.some(({ paths }) => paths.includes(CONFIG_FILE));
  const changes = toFileChanges(diff.filter(({ paths }) => !paths.includes(CONFIG_FILE)));
  const basePaths = new Set(changes.map((change) => change.basePath ?? change.path));
  const [headFiles, baseFiles, target] = await Promise.all([
    readHead(root, head, changes, configChanged),
    readGitTree(root, base, (path) => basePaths.has(path)),
    readPullRequestTarget(context.env),
  ]);
  if (!headFiles.config) throw new UsageError(`incidents check-pr: the head ${values.head} has no ${CONFIG_FILE}`);

  const github = target.ok ? createGitHub(target.target, context.retryBaseMs) : undefined;
  const reviews: ReviewEvidence = target.ok ? onHead(await readReviewEvidence(github!, target.target), head) : { known: false, reason: target.reason };

  const verdict = checkPullRequest({
    base: { config: baseFiles.config, records: baseFiles.records },
    head: { config: headFiles.config, records: headFiles.records, partial: headFiles.partial },
    changes,
    reviews,
  });
  const findings = sortFindings([...headFiles.findings, ...verdict.findings]);
  await reporter.write(
    {
      command: 'check-pr',
      findings,
      json: { extra: { approved: verdict.approved } },
      clean: `${changes.length} changed record file${changes.length === 1 ? '' : 's'}: the gate passes.`,
      outputs: { approved: verdict.approved === null ? '' : String(verdict.approved) },
    },
    context,
  );
  if (target.ok && changes.length > 0) await comment(github!, target.target, findings, verdict.approved, context);

  if (!verdict.configValid) return EXIT.error;
  return hasErrors(findings) ? EXIT.findings : EXIT.clean;
}

/**
 * The head's files the gate reads: every record when the config changed (each is checked against it
 * again); otherwise only the changed records and those their checks need, so a one-file change to
 * a repository of thousands of records reads a handful. validate, run on every pull request too,
 * checks the rest.
 */
async function readHead(root: string, head: string, changes: readonly FileChange[], configChanged: boolean): Promise<RepositoryFiles & { partial: boolean }> {
  if (configChanged) return { ...(await readGitTree(root, head)), partial: false };
  const changedPaths = new Set(changes.map((change) => change.path));
  const entries = await listRecordTree(root, head);
  const changed = await readTreeEntries(root, entries, (path) => changedPaths.has(path));
  const needed = recordsAChangeNeeds(changed.records);
  const others = await readTreeEntries(root, entries, (path) => !changedPaths.has(path) && needed(path));
  return { ...changed, records: [...changed.records, ...others.records], partial: true };
}

/** The commits to compare: the merge base of --base and --head (what GitHub's diff shows), and the head. */
async function readCommits(root: string, baseRef: string, headRef: string): Promise<{ base: string; head: string }> {
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
    return { base: mergeBase, head };
  } catch (error) {
    if (error instanceof GitError) throw new UsageError(`incidents check-pr: ${root} is not a git checkout git can read: ${error.message}`);
    throw error;
  }
}

/** git's name-status letters as changes: A added, D deleted, R renamed, anything else modified. */
function toFileChanges(entries: { status: string; paths: string[] }[]): FileChange[] {
  return entries.map(({ status, paths }): FileChange => {
    if (status.startsWith('R')) return { kind: 'renamed', basePath: paths[0], path: paths[1]! };
    if (status === 'A' || status.startsWith('C')) return { kind: 'added', path: paths.at(-1)! };
    return { kind: status === 'D' ? 'deleted' : 'modified', path: paths[0]! };
  });
}

/** Reviews count only for the commit this run checked: if the pull request moved on, a newer run decides. */
function onHead(evidence: ReviewEvidence, head: string): ReviewEvidence {
  if (!evidence.known || evidence.headSha === head) return evidence;
  return {
    known: false,
    reason: `the pull request's head is now ${evidence.headSha.slice(0, 7)}, but this run checked ${head.slice(0, 7)}: the run for the newer commit decides`,
  };
}

/** Keeps the one gate comment on the pull request up to date; a fork's read-only token cannot, and the log says so. */
async function comment(
  github: ReturnType<typeof createGitHub>,
  target: PullRequestTarget,
  findings: Finding[],
  approved: boolean | null,
  context: CommandContext,
): Promise<void> {
  if (target.fromFork) {
    context.stderr(
      'A pull request from a fork gets a read-only token, so the gate writes no comment: its verdict is in the annotations and the job summary.\n',
    );
    return;
  }
  const verdict = hasErrors(findings)
    ? `❌ The incident gate fails: ${countOf(findings, 'error')}, ${countOf(findings, 'warning')}.`
    : '✅ The incident gate passes.';
  const approval =
    approved === null
      ? ''
      : approved
        ? '\n\nEvery resolution in this pull request is approved.'
        : '\n\nA resolution in this pull request still needs an approval: see `lifecycle/approval` below.';
  try {
    await upsertComment(github, target, `${verdict}${approval}\n\n${formatFindingsSummary('incidents check-pr', findings)}`);
  } catch (error) {
    context.stderr(`The gate's pull-request comment could not be written (${describeError(error)}); its verdict is in the annotations and the job summary.\n`);
  }
}
