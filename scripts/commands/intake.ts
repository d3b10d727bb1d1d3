import { join, relative, resolve } from 'node:path';
import { RecordWriteError, UsageError } from '../core/errors.js';
import { mapIntake, type IntakeResult, type IntakeState } from '../core/intake/map-intake.js';
import { parsePayload } from '../core/intake/parse-payload.js';
import { INTAKE_SOURCES } from '../core/intake/payload.js';
import { checkRecords, type TextFile } from '../core/records/validate.js';
import type { Config } from '../core/records/types.js';
import { describeError } from '../io/github/api.js';
import { readRepositoryTarget } from '../io/github/event.js';
import { intakeWithPullRequests, type PullRequestOutcome } from '../io/github/intake-pull-requests.js';
import { readJsonFile } from '../io/read-payload.js';
import { findRoot } from '../io/repository/read-repository.js';
import { writeRecordFile } from '../io/repository/write-record.js';
import { chooseReporter } from '../reporters/index.js';
import { EXIT, parseOptions, type CommandContext } from './context.js';
import { formatOption, ROOT_OPTION, type CommandHelp } from './help.js';
import { readRepositoryWithConfig } from './read-config.js';
import { oneOf, timestampOption } from './record-options.js';

export const INTAKE_HELP: CommandHelp = {
  brief: 'turn an alert or a report into incident records',
  usage: 'incidents intake [--source alertmanager|grafana|issue] [--payload FILE] [--at TIME] [--pull-request] [--root DIR] [--format text|json|github]',
  summary:
    "Reads an Alertmanager (v4) or Grafana webhook body, or a repository_dispatch or issues event, and maps it onto the records by the config's intake section: a new incident per new key, new alerts recorded and services widened on an open one, monitoring once every alert of a key has resolved (never resolved), cancelled when an active known error matches. The same payload twice changes nothing. Without --pull-request it writes into the working tree.",
  options: [
    ['--source S', `${INTAKE_SOURCES.join(', ')}: what the payload is (a repository_dispatch or issues event says it itself)`],
    ['--payload FILE', 'the payload: a raw webhook body, or an event (default: GITHUB_EVENT_PATH, as Actions sets it)'],
    ['--at TIME', 'the time of intake, ISO 8601 with an offset: reported_at and the updates (default: now)'],
    [
      '--pull-request',
      'open one pull request per new incident, or add a commit to the one open for its key, through the GitHub API (GITHUB_API_URL, GITHUB_REPOSITORY, GITHUB_TOKEN)',
    ],
    ROOT_OPTION,
    formatOption(['text', 'json', 'github']),
  ],
  example: 'incidents intake --source alertmanager --payload webhook.json --format json',
  exits: '0 done (ignored alerts included), 2 a payload, usage or config error, a record that would not be valid, or GitHub failed',
};

/** One line of what intake did, for `--format json`. */
interface Done {
  id: string;
  path: string;
  key: string;
  status?: string;
  known_error?: string;
  pull_request?: PullRequestOutcome;
}

/**
 * `incidents intake`: reads the payload, maps it onto the records (core/intake), and writes the
 * records into the working tree, or into pull requests with --pull-request; prints what it did.
 */
export async function intakeCommand(args: string[], context: CommandContext): Promise<number> {
  const { values } = parseOptions('intake', args, {
    source: { type: 'string' },
    payload: { type: 'string' },
    at: { type: 'string' },
    'pull-request': { type: 'boolean' },
    root: { type: 'string' },
    format: { type: 'string' },
  });
  const reporter = chooseReporter('intake', values.format);
  const source = values.source === undefined ? undefined : oneOf('intake', 'source', values.source, INTAKE_SOURCES);
  const at = timestampOption('intake', 'at', values.at, new Date());
  const payloadPath = values.payload ?? context.env.GITHUB_EVENT_PATH;
  if (!payloadPath)
    throw new UsageError('incidents intake: no payload: name it with --payload FILE (or run in Actions, where GITHUB_EVENT_PATH names the event)');
  const root = findRoot('intake', context.cwd, values.root);

  const read = await readJsonFile(resolve(context.cwd, payloadPath));
  if (!read.ok) {
    context.stderr(`incidents intake: ${read.message}\n`);
    return EXIT.error;
  }
  const parsed = parsePayload(read.value, source);
  if (!parsed.ok) {
    context.stderr(`incidents intake: ${payloadPath} is not a payload intake can read:\n${parsed.problems.map((problem) => `  ${problem}\n`).join('')}`);
    return EXIT.error;
  }
  const repository = await readRepositoryWithConfig('intake', root, reporter, context);
  if (!repository) return EXIT.error;
  const state = intakeState(repository.config, repository.files.records, repository.files.names);

  let result: IntakeResult;
  const pullRequests = new Map<string, PullRequestOutcome>();
  if (values['pull-request']) {
    const target = readRepositoryTarget(context.env);
    if (!target.ok) throw new UsageError(`incidents intake --pull-request: ${target.reason}`);
    try {
      const done = await intakeWithPullRequests(target.target, state, parsed.value, at, (files) => intakeState(repository.config, files), context.retryBaseMs);
      result = done.result;
      for (const [path, outcome] of done.pullRequests) pullRequests.set(path, outcome);
    } catch (error) {
      context.stderr(
        `incidents intake: GitHub failed (${describeError(error)}), even after retries: what is listed above was done, nothing after it. Run intake again on the same payload: it picks up where it stopped.\n`,
      );
      return EXIT.error;
    }
  } else {
    result = mapIntake(state, parsed.value, at);
    for (const change of [...result.created, ...result.updated]) {
      try {
        await writeRecordFile(root, change.file.path, change.file.text, result.created.includes(change) ? 'create' : 'replace');
      } catch (error) {
        if (!(error instanceof RecordWriteError)) throw error;
        context.stderr(`incidents intake: ${error.message}\n`);
        return EXIT.error;
      }
    }
  }

  if (result.refused.length > 0) {
    await reporter.write({ command: 'intake', findings: result.refused.flatMap(({ findings }) => findings) }, { ...context, stdout: context.stderr });
    for (const { key, path } of result.refused) context.stderr(`Nothing was written for ${key}: ${path} would not be valid.\n`);
  }
  const line = (change: IntakeResult['created'][number], updated: boolean): Done => ({
    id: change.id,
    path: change.path,
    key: change.key,
    ...(updated || change.status !== 'reported' ? { status: change.status } : {}),
    ...(change.knownError ? { known_error: change.knownError } : {}),
    ...(pullRequests.has(change.path) ? { pull_request: pullRequests.get(change.path)! } : {}),
  });
  const report = {
    created: result.created.map((change) => line(change, false)),
    updated: result.updated.map((change) => line(change, true)),
    ignored: result.ignored,
  };
  if (reporter.format === 'json') await reporter.write({ command: 'intake', json: { document: report } }, context);
  else context.stdout(describeReport(report, (path) => relative(context.cwd, join(root, path))));
  return result.refused.length > 0 ? EXIT.error : EXIT.clean;
}

/** The intake state of a config and record files: the valid incidents and known errors among them. */
export function intakeState(config: Config, files: readonly TextFile[], names?: readonly string[]): IntakeState {
  const { records } = checkRecords(config, files);
  return { config, files, ...(names ? { names } : {}), incidents: records.incidents, knownErrors: records.knownErrors };
}

function describeReport(report: { created: Done[]; updated: Done[]; ignored: { key: string; reason: string }[] }, show: (path: string) => string): string {
  const pr = (done: Done) => (done.pull_request ? ` → pull request #${done.pull_request.number} (${done.pull_request.action})` : '');
  const lines = [
    ...report.created.map(
      (done) =>
        `created ${done.id} ${show(done.path)}${done.status ? ` (${done.status}${done.known_error ? `: ${done.known_error}` : ''})` : ''} for ${done.key}${pr(done)}`,
    ),
    ...report.updated.map((done) => `updated ${done.id} ${show(done.path)} (${done.status}) for ${done.key}${pr(done)}`),
    ...report.ignored.map(({ key, reason }) => `ignored ${key}: ${reason}`),
  ];
  return lines.length === 0 ? 'Nothing to do: the payload has no alerts.\n' : `${lines.join('\n')}\n`;
}
