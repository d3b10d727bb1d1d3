import { UsageError } from '../core/errors.js';
import { hasErrors, sortFindings } from '../core/findings.js';
import { reviewsOnHead, type ReviewEvidence } from '../core/gate/approvals.js';
import { checkPullRequest, type PullRequestVerdict } from '../core/gate/check-pull-request.js';
import { incidentsWeighingOn, publishesOf, withIncidents } from '../core/gate/publishes.js';
import { checkConfig, checkRecords } from '../core/records/validate.js';
import { COMMENT_MARKER, createGitHub, describeError, readReviewEvidence, upsertComment } from '../io/github/api.js';
import { readPullRequestTarget, type PullRequestTarget } from '../io/github/event.js';
import { readPullRequest, readRestOfHead, type PullRequestRead } from '../io/repository/read-pull-request.js';
import { CONFIG_FILE, findRoot } from '../io/repository/read-repository.js';
import { COMMENT_LIMIT, formatFindingsSummary, formatGateComment } from '../render/findings.js';
import { formatPublishes, publishesJson, type PublishesPreview } from '../render/publishes.js';
import { chooseReporter } from '../reporters/index.js';
import { EXIT, parseOptions, type CommandContext } from './context.js';
import { formatOption, ROOT_OPTION, type CommandHelp } from './help.js';
import { timestampOption } from './record-options.js';
import { toMillis } from '../core/time/timestamps.js';

export const CHECK_PR_HELP: CommandHelp = {
  brief: 'the pull-request gate on a diff',
  usage: 'incidents check-pr --base REF --head REF [--at TIME] [--root DIR] [--format text|json|github]',
  summary:
    "The pull-request gate: validate's checks on the records the pull request changes, then the lifecycle rules on each change. Run for a pull request in Actions (GITHUB_EVENT_PATH, GITHUB_TOKEN), it reads the reviews for approvals and keeps one comment up to date, showing what merging would newly show the public (in --format json: publishes).",
  options: [
    ['--base REF', "the pull request's base (a commit, branch or tag); compared from its merge base with --head"],
    ['--head REF', "the pull request's head"],
    [
      '--at TIME',
      "the moment an incident's SLA breach is judged at (moving its timestamps then needs approval) and the status page is compared at, ISO 8601 with an offset (default: now)",
    ],
    ROOT_OPTION,
    formatOption(['text', 'json', 'github']),
  ],
  example: 'incidents check-pr --base origin/main --head HEAD',
};

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
    at: { type: 'string' },
    root: { type: 'string' },
    format: { type: 'string' },
  });
  const reporter = chooseReporter('check-pr', values.format);
  if (!values.base || !values.head) throw new UsageError("incidents check-pr: --base and --head are both needed (the pull request's base and head commits)");
  const now = toMillis(timestampOption('check-pr', 'at', values.at, new Date()));
  const root = findRoot('check-pr', context.cwd, values.root);

  const [read, target] = await Promise.all([readPullRequest(root, values.base, values.head), readPullRequestTarget(context.env)]);
  const { changes, base: baseFiles, head: headFiles } = read;
  if (!headFiles.config) throw new UsageError(`incidents check-pr: the head ${values.head} has no ${CONFIG_FILE}`);

  const github = target.ok ? createGitHub(target.target, context.retryBaseMs) : undefined;
  const reviews: ReviewEvidence = target.ok
    ? reviewsOnHead(await readReviewEvidence(github!, target.target), read.commits.head)
    : { known: false, reason: target.reason };

  const verdict = checkPullRequest({
    base: { config: baseFiles.config, records: baseFiles.records },
    policy: read.policy,
    head: { config: headFiles.config, records: headFiles.records, partial: headFiles.partial },
    changes,
    reviews,
    now,
  });
  const findings = sortFindings([...headFiles.findings, ...verdict.findings]);
  const commenting = target.ok && changes.length > 0 && !target.target.fromFork;
  const preview = reporter.format !== 'text' || commenting ? await previewOf(root, read, verdict, now) : undefined;
  await reporter.write(
    {
      command: 'check-pr',
      findings,
      json: { extra: { approved: verdict.approved, ...(preview === undefined ? {} : { publishes: publishesJson(preview) }) } },
      // The job summary shows it too: a pull request from a fork gets no comment.
      ...(preview === undefined || changes.length === 0
        ? {}
        : { markdown: `${formatFindingsSummary('incidents check-pr', findings)}\n${formatPublishes(preview)}` }),
      clean: `${changes.length} changed record file${changes.length === 1 ? '' : 's'}: the gate passes.`,
      outputs: { approved: verdict.approved === null ? '' : String(verdict.approved) },
    },
    context,
  );
  if (target.ok && changes.length > 0)
    await comment(
      github!,
      target.target,
      formatGateComment(findings, verdict.approved, { publishes: preview, limit: COMMENT_LIMIT - COMMENT_MARKER.length - 1 }),
      context,
    );

  if (!verdict.configValid) return EXIT.error;
  return hasErrors(findings) ? EXIT.findings : EXIT.clean;
}

/** Keeps the one gate comment on the pull request up to date; a fork's read-only token cannot, and the log says so. */
async function comment(github: ReturnType<typeof createGitHub>, target: PullRequestTarget, body: string, context: CommandContext): Promise<void> {
  if (target.fromFork) {
    context.stderr(
      'A pull request from a fork gets a read-only token, so the gate writes no comment: its verdict is in the annotations and the job summary.\n',
    );
    return;
  }
  try {
    await upsertComment(github, target, body);
  } catch (error) {
    context.stderr(`The gate's pull-request comment could not be written (${describeError(error)}); its verdict is in the annotations and the job summary.\n`);
  }
}

/**
 * What merging publishes (core/gate/publishes.ts), or null when the head has errors (no site can
 * be built from it). A service's state is judged first among the records read; only when one may
 * change are the rest of the head's records read, so that another open incident on the same
 * service counts.
 */
async function previewOf(root: string, read: PullRequestRead, verdict: PullRequestVerdict, now: number): Promise<PublishesPreview> {
  if (!verdict.head || !verdict.headValid || hasErrors(read.head.findings)) return null;
  const baseConfig = read.base.config && (read.base.config.text === read.head.config?.text ? verdict.head.config : checkConfig(read.base.config).config?.data);
  const input = {
    head: verdict.head,
    base: baseConfig && checkRecords(baseConfig, read.base.records).records,
    changed: new Set(read.changes.map((change) => change.path)),
    now,
  };
  let publishes = publishesOf(input);
  if (publishes.components.length > 0 && read.head.partial) {
    const services = new Set(publishes.components.map((change) => change.id));
    const more = await readRestOfHead(root, read, (files) => incidentsWeighingOn(files, services));
    publishes = publishesOf({ ...input, head: withIncidents(verdict.head, more) });
  }
  return { publishes, timeZone: verdict.head.config.page?.time_zone ?? 'UTC' };
}
