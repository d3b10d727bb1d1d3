import { join, relative } from 'node:path';
import { findRecordFile, moveIncident, moveProblem } from '../core/authoring/move-record.js';
import { PROBLEM_CANCEL_REASONS } from '../core/authoring/update-problem.js';
import { PROBLEM_STATUSES } from '../core/gate/problem-lifecycle.js';
import type { TextFile } from '../core/records/validate.js';
import type { Finding } from '../core/findings.js';
import type { Reporter } from '../reporters/index.js';
import { CANCEL_REASONS, HOLD_REASONS, RESOLUTION_CODES } from '../core/authoring/update-record.js';
import { RecordWriteError, UsageError } from '../core/errors.js';
import { writeRecordFile } from '../io/repository/write-record.js';
import { STATUSES } from '../core/gate/lifecycle.js';
import { recordKindOf } from '../core/records/kinds.js';
import { misnamedRecordFinding, parseRecordAs } from '../core/records/validate.js';
import { chooseReporter } from '../reporters/index.js';
import { EXIT, parseOptions, type CommandContext } from './context.js';
import { readRepositoryWithConfig } from './read-config.js';
import { oneOf, SERVICE_STATUSES, serviceOptions, timestampOption } from './record-options.js';
import { ROOT_OPTION, formatOption, type CommandHelp } from './help.js';
import { findRoot } from '../io/repository/read-repository.js';

export const UPDATE_HELP: CommandHelp = {
  brief: 'move a record on',
  usage:
    'incidents update ID --status S --message M [--service ID=STATUS]… [--at TIME] [--reason R] [--resolution CODE --summary TEXT] [--known-error KE] [--duplicate-of INC] [--root DIR] [--format text|json|github]\n       incidents update PRB-NNNN --status S [--root-cause TEXT] [--known-error KE] [--fix URL] [--reason R] [--at TIME] [--root DIR] [--format text|json|github]',
  summary:
    'Moves an incident or maintenance on, in place: the status, the timestamps it implies, services, and a new public update; or a problem: its status, the keys that status needs and resolved_at or closed_at. Every other byte of the file is kept. What the pull-request gate would refuse is refused with its message, and nothing is written.',
  options: [
    [
      '--status S',
      `the new status: ${STATUSES.incident.join(', ')}; for a maintenance ${STATUSES.maintenance.join(', ')}; for a problem ${PROBLEM_STATUSES.join(', ')}`,
    ],
    ['--message M', 'the public update that says what changed (incidents and maintenance; a problem has none)'],
    ['--service ID=STATUS', `a service's new state, repeatable; STATUS: ${SERVICE_STATUSES.join(', ')}`],
    ['--at TIME', 'when it happened, ISO 8601 with an offset (default: now)'],
    [
      '--reason R',
      `why: for on_hold ${HOLD_REASONS.join(', ')}; for cancelled ${CANCEL_REASONS.join(', ')}; for a reopen, free text; for a cancelled problem ${PROBLEM_CANCEL_REASONS.join(', ')}`,
    ],
    ['--resolution CODE', `with --summary, from resolved on: ${RESOLUTION_CODES.join(', ')}`],
    ['--summary TEXT', 'how it was resolved (internal)'],
    ['--known-error KE', "the known error it is (with --reason known_error); a problem's known error, needed to enter known_error"],
    ['--duplicate-of INC', 'the incident it duplicates (with --reason duplicate)'],
    ['--root-cause TEXT', "a problem's root cause, needed from root_cause_known on"],
    ['--fix URL', "the change that removes a problem's cause (a pull request, commit or issue URL), needed from resolved on"],
    ROOT_OPTION,
    formatOption(['text', 'json', 'github']),
  ],
  example: 'incidents update INC-2026-0007 --status identified --message "A certificate expired; we are renewing it."',
  exits: '0 written, 1 refused (the gate would refuse it), 2 usage or config error',
};

/**
 * `incidents update ID`: moves a record on in place (status, the timestamps it implies, services,
 * a new update), keeping every other byte of the file. Refuses what the gate would refuse, with its
 * message (exit 1), and writes nothing then.
 */
export async function updateCommand(args: string[], context: CommandContext): Promise<number> {
  const { values, positionals } = parseOptions(
    'update',
    args,
    {
      status: { type: 'string' },
      message: { type: 'string' },
      service: { type: 'string', multiple: true },
      at: { type: 'string' },
      reason: { type: 'string' },
      resolution: { type: 'string' },
      summary: { type: 'string' },
      'known-error': { type: 'string' },
      'duplicate-of': { type: 'string' },
      'root-cause': { type: 'string' },
      fix: { type: 'string' },
      root: { type: 'string' },
      format: { type: 'string' },
    },
    true,
  );
  const reporter = chooseReporter('update', values.format);
  const [id, ...extra] = positionals;
  if (!id || extra.length > 0) throw new UsageError('incidents update: name one record, e.g. incidents update INC-2026-0007 --status identified --message "…"');
  if (id.startsWith('PRB-')) return updateProblemCommand(id, values, reporter, context);
  const problemOnly = (['root-cause', 'fix'] as const).find((option) => values[option] !== undefined);
  if (problemOnly) throw new UsageError(`incidents update: --${problemOnly} is for a problem (PRB-NNNN)`);
  if (!values.status || !values.message?.trim())
    throw new UsageError('incidents update: --status and --message are both needed: every status change tells the public what changed');
  if ((values.resolution === undefined) !== (values.summary === undefined))
    throw new UsageError('incidents update: --resolution CODE and --summary TEXT go together');
  const root = findRoot('update', context.cwd, values.root);
  const repository = await readRepositoryWithConfig('update', root, reporter, context);
  if (!repository) return EXIT.error;

  const file = findRecordFile(repository.files.records, 'incidents', id);
  if (!file) throw new UsageError(`incidents update: there is no incidents/${id}.md (or ${id}-slug.md) in ${root}`);
  // A misnamed file (a slug with capitals, say) is reported as validate reports it.
  const parsed = recordKindOf(file.path) ? parseRecordAs('incidents', file) : { record: undefined, findings: [misnamedRecordFinding(file.path)] };
  if (!parsed.record) {
    await reporter.write({ command: 'update', findings: parsed.findings }, context);
    context.stderr(`${file.path} has errors: fix them first, then update it.\n`);
    return EXIT.findings;
  }
  const before = parsed.record;
  const moved = moveIncident(repository.config, repository.files.records, before, {
    status: oneOf('update', 'status', values.status, STATUSES[before.data.type]),
    message: values.message,
    at: timestampOption('update', 'at', values.at, new Date()),
    services: serviceOptions('update', values.service ?? [], repository.config, true) as { id: string; status: string }[],
    reason: values.reason,
    resolution: values.resolution === undefined ? undefined : { code: values.resolution, summary: values.summary! },
    knownError: values['known-error'],
    duplicateOf: values['duplicate-of'],
  });
  if ('usage' in moved) throw new UsageError(`incidents update: ${moved.usage}`);
  return writeMoved(root, file, moved, `${before.data.status} → ${values.status}`, reporter, context);
}

/** `incidents update PRB-…`: moves a problem on in place; the options each status needs, no public update. */
async function updateProblemCommand(
  id: string,
  values: { [option: string]: string | string[] | undefined },
  reporter: Reporter,
  context: CommandContext,
): Promise<number> {
  const text = (option: string) => values[option] as string | undefined;
  const incidentOnly = ['message', 'service', 'resolution', 'summary', 'duplicate-of'].find((option) => values[option] !== undefined);
  if (incidentOnly)
    throw new UsageError(`incidents update: --${incidentOnly} is not for a problem, which has no public updates: write the investigation in its Markdown body`);
  if (!text('status')) throw new UsageError('incidents update: --status is needed, e.g. incidents update PRB-0004 --status investigating');
  const root = findRoot('update', context.cwd, text('root'));
  const repository = await readRepositoryWithConfig('update', root, reporter, context);
  if (!repository) return EXIT.error;
  const file = findRecordFile(repository.files.records, 'problems', id);
  if (!file) throw new UsageError(`incidents update: there is no problems/${id}.md (or ${id}-slug.md) in ${root}`);
  const parsed = recordKindOf(file.path) ? parseRecordAs('problems', file) : { record: undefined, findings: [misnamedRecordFinding(file.path)] };
  if (!parsed.record) {
    await reporter.write({ command: 'update', findings: parsed.findings }, context);
    context.stderr(`${file.path} has errors: fix them first, then update it.\n`);
    return EXIT.findings;
  }
  const before = parsed.record;
  const status = oneOf('update', 'status', text('status')!, PROBLEM_STATUSES);
  const moved = moveProblem(repository.config, repository.files.records, before, {
    status,
    at: timestampOption('update', 'at', text('at'), new Date()),
    rootCause: text('root-cause'),
    knownError: text('known-error'),
    fix: text('fix'),
    reason: text('reason'),
  });
  if ('usage' in moved) throw new UsageError(`incidents update: ${moved.usage}`);
  return writeMoved(root, file, moved, `${before.data.status} → ${status}`, reporter, context);
}

/** Writes a moved record, or reports why not (exit 1), and prints what moved. */
async function writeMoved(
  root: string,
  file: TextFile,
  moved: { file?: TextFile; findings: Finding[] },
  move: string,
  reporter: Reporter,
  context: CommandContext,
): Promise<number> {
  const { findings } = moved;
  if (!moved.file) {
    await reporter.write({ command: 'update', findings }, context);
    context.stderr(`Nothing was written: ${file.path} is as it was.\n`);
    return EXIT.findings;
  }
  const path = join(root, file.path);
  try {
    await writeRecordFile(root, file.path, moved.file.text, 'replace');
  } catch (error) {
    if (!(error instanceof RecordWriteError)) throw error;
    context.stderr(`incidents update: ${error.message}\n`);
    return EXIT.error;
  }
  if (findings.length > 0) await reporter.write({ command: 'update', findings }, reporter.format === 'text' ? { ...context, stdout: context.stderr } : context);
  context.stdout(`${relative(context.cwd, path)}: ${move}\n`);
  return EXIT.clean;
}
