import { RecordWriteError, UsageError } from '../core/errors.js';
import { writeRecordFile } from '../io/repository/write-record.js';
import { join, relative } from 'node:path';
import { createIncident, createProblem } from '../core/authoring/create-record.js';
import type { NewProblem } from '../core/authoring/new-problem.js';
import type { TextFile } from '../core/records/validate.js';
import type { Finding } from '../core/findings.js';
import type { Reporter } from '../reporters/index.js';
import type { NewRecord } from '../core/authoring/new-record.js';
import { LEVELS, type Config } from '../core/records/types.js';
import { chooseReporter } from '../reporters/index.js';
import { EXIT, parseOptions, type CommandContext } from './context.js';
import { readRepositoryWithConfig } from './read-config.js';
import { oneOf, SERVICE_STATUSES, serviceOptions, timestampOption } from './record-options.js';
import { ROOT_OPTION, formatOption, type CommandHelp } from './help.js';
import { findRoot } from '../io/repository/read-repository.js';

export const NEW_HELP: CommandHelp = {
  brief: 'write a new incident, maintenance or problem',
  usage:
    'incidents new --title T --service ID[=STATUS]… --impact I --urgency U [--type incident|maintenance|problem] [--at TIME] [--message M] [--visibility public|internal] [--scheduled-for TIME --scheduled-until TIME] [--started-at TIME] [--detected-at TIME] [--commander @HANDLE] [--communications @HANDLE] [--incident INC]… [--owner @HANDLE] [--root DIR] [--format text|json|github]',
  summary:
    'Writes a new incident (reported) or maintenance (scheduled) with the next free id of the year, its priority from the matrix and a first update, or a problem (new, the next free PRB id, internal), valid at once, and prints its path. Nothing is written when it would not be valid.',
  options: [
    ['--title T', 'what is wrong, as the public reads it'],
    [
      '--service ID[=STATUS]',
      `an affected service from the config, repeatable; STATUS: ${SERVICE_STATUSES.join(', ')} (default degraded_performance, or under_maintenance)`,
    ],
    ['--impact I', `business impact: ${LEVELS.join(', ')}`],
    ['--urgency U', `how fast it must be restored: ${LEVELS.join(', ')}`],
    ['--type T', 'incident (default), maintenance, or problem (the underlying cause of incidents; takes --service ID, --incident and --owner)'],
    ['--at TIME', 'when it was reported, ISO 8601 with an offset (default: now)'],
    ['--message M', 'the first public update (default: a sentence from the title)'],
    ['--visibility V', 'public (default) or internal (never on the status page)'],
    ['--scheduled-for TIME', "a maintenance's window start (needed for a maintenance)"],
    ['--scheduled-until TIME', "a maintenance's window end"],
    ['--started-at TIME', 'when the impact began (for MTTD)'],
    ['--detected-at TIME', 'when monitoring or a person noticed it (for MTTD)'],
    ['--commander @HANDLE', 'the incident commander'],
    ['--communications @HANDLE', 'who writes the public updates'],
    ['--incident INC', "a problem's incident, repeatable: the incidents it explains"],
    ['--owner @HANDLE', "a problem's owner, who drives the investigation"],
    ROOT_OPTION,
    formatOption(['text', 'json', 'github']),
  ],
  example: 'git add "$(incidents new --title "Checkout errors" --service checkout-api=partial_outage --impact high --urgency high)"',
  exits: '0 written, 2 it would not be valid, usage or config error',
};

/**
 * `incidents new`: writes the next free incident id of the year, in its initial state, valid at
 * once, and prints its path. Nothing is written when the record would not be valid (exit 2).
 */
export async function newCommand(args: string[], context: CommandContext): Promise<number> {
  const { values } = parseOptions('new', args, {
    title: { type: 'string' },
    service: { type: 'string', multiple: true },
    impact: { type: 'string' },
    urgency: { type: 'string' },
    type: { type: 'string' },
    at: { type: 'string' },
    message: { type: 'string' },
    visibility: { type: 'string' },
    'scheduled-for': { type: 'string' },
    'scheduled-until': { type: 'string' },
    'started-at': { type: 'string' },
    'detected-at': { type: 'string' },
    commander: { type: 'string' },
    communications: { type: 'string' },
    incident: { type: 'string', multiple: true },
    owner: { type: 'string' },
    root: { type: 'string' },
    format: { type: 'string' },
  });
  const reporter = chooseReporter('new', values.format);
  const missing = (['title', 'service', 'impact', 'urgency'] as const).filter((option) => values[option] === undefined);
  if (missing.length > 0)
    throw new UsageError(`incidents new: ${missing.map((option) => `--${option}`).join(', ')} ${missing.length === 1 ? 'is' : 'are'} needed`);
  const type = oneOf('new', 'type', values.type ?? 'incident', ['incident', 'maintenance', 'problem'] as const);
  const problemOnly = (['incident', 'owner'] as const).filter((option) => values[option] !== undefined);
  if (type !== 'problem' && problemOnly.length > 0) throw new UsageError(`incidents new: --${problemOnly[0]} is for --type problem`);
  if (type === 'problem') {
    const incidentOnly = (
      ['message', 'visibility', 'scheduled-for', 'scheduled-until', 'started-at', 'detected-at', 'commander', 'communications'] as const
    ).filter((option) => values[option] !== undefined);
    if (incidentOnly.length > 0) throw new UsageError(`incidents new: --${incidentOnly[0]} is not for a problem, which is internal and has no updates`);
  }
  if (type === 'maintenance' && (!values['scheduled-for'] || !values['scheduled-until']))
    throw new UsageError('incidents new: a maintenance needs its window: --scheduled-for TIME --scheduled-until TIME');
  const root = findRoot('new', context.cwd, values.root);
  const repository = await readRepositoryWithConfig('new', root, reporter, context);
  if (!repository) return EXIT.error;

  const now = new Date();
  if (type === 'problem') {
    const created = createProblem(repository.config, repository.files.records, problemOptions(values, repository.config, now), repository.files.names);
    if ('full' in created) throw new UsageError(`incidents new: ${created.full}`);
    return writeCreated(root, created, reporter, context);
  }
  const record: NewRecord = {
    type,
    title: values.title!,
    impact: oneOf('new', 'impact', values.impact!, LEVELS),
    urgency: oneOf('new', 'urgency', values.urgency!, LEVELS),
    services: serviceOptions('new', values.service!, repository.config, false),
    visibility: oneOf('new', 'visibility', values.visibility ?? 'public', ['public', 'internal'] as const),
    at: timestampOption('new', 'at', values.at, now),
    message: values.message,
    scheduledFor: values['scheduled-for'] && timestampOption('new', 'scheduled-for', values['scheduled-for'], now),
    scheduledUntil: values['scheduled-until'] && timestampOption('new', 'scheduled-until', values['scheduled-until'], now),
    startedAt: values['started-at'] && timestampOption('new', 'started-at', values['started-at'], now),
    detectedAt: values['detected-at'] && timestampOption('new', 'detected-at', values['detected-at'], now),
    commander: values.commander,
    communications: values.communications,
  };
  const created = createIncident(repository.config, repository.files.records, record, repository.files.names);
  if ('full' in created) throw new UsageError(`incidents new: ${created.full}`);
  return writeCreated(root, created, reporter, context);
}

/** What `new --type problem` was asked to write, from its options (title, service, impact and urgency are there). */
function problemOptions(
  values: { title?: string; service?: string[]; impact?: string; urgency?: string; incident?: string[]; owner?: string; at?: string },
  config: Config,
  now: Date,
): NewProblem {
  const withStatus = values.service!.find((value) => value.includes('='));
  if (withStatus)
    throw new UsageError(`incidents new: --service ${withStatus}: a problem names services without a state, e.g. --service ${withStatus.split('=')[0]}`);
  const incidents = values.incident ?? [];
  const badIncident = incidents.find((id) => !/^INC-\d{4}-\d{4}$/.test(id));
  if (badIncident) throw new UsageError(`incidents new: --incident ${badIncident} is not an incident id: expected INC-YYYY-NNNN`);
  return {
    title: values.title!,
    impact: oneOf('new', 'impact', values.impact!, LEVELS),
    urgency: oneOf('new', 'urgency', values.urgency!, LEVELS),
    services: serviceOptions('new', values.service!, config, false).map((service) => service.id),
    incidents,
    owner: values.owner,
    at: timestampOption('new', 'at', values.at, now),
  };
}

/** Writes a created record, or reports why it was not (exit 2), and prints its path. */
async function writeCreated(
  root: string,
  { path, file, findings }: { path: string; file?: TextFile; findings: Finding[] },
  reporter: Reporter,
  context: CommandContext,
): Promise<number> {
  if (!file) {
    await reporter.write({ command: 'new', findings }, context);
    context.stderr(`Nothing was written: ${path} would not be valid.\n`);
    return EXIT.error;
  }
  try {
    await writeRecordFile(root, file.path, file.text, 'create');
  } catch (error) {
    if (!(error instanceof RecordWriteError)) throw error;
    context.stderr(`incidents new: ${error.message}\n`);
    return EXIT.error;
  }
  // The path is what stdout carries, for scripts (`git add "$(incidents new …)"`); warnings go to stderr.
  if (findings.length > 0) await reporter.write({ command: 'new', findings }, reporter.format === 'text' ? { ...context, stdout: context.stderr } : context);
  context.stdout(`${relative(context.cwd, join(root, file.path))}\n`);
  return EXIT.clean;
}
