import { LayoutError } from '../errors.js';
import { findingAt, hasErrors, type Finding } from '../findings.js';
import { checkRecordEdit } from '../gate/check-pull-request.js';
import { RECORD_KINDS, recordKindOf, type RecordKind } from '../records/kinds.js';
import type { ValidRecord } from '../records/record-set.js';
import type { Config, Incident, Problem } from '../records/types.js';
import type { TextFile } from '../records/validate.js';
import { updateRecord, type RecordUpdate } from './update-record.js';
import { updateProblem, type ProblemUpdate } from './update-problem.js';
import { toMillis } from '../time/timestamps.js';

/**
 * The file of the record of a kind with this id: named by the id, with or without a slug. A file
 * of no kind is found too (a misnamed slug, say), so that the caller can say what is wrong with it.
 */
export function findRecordFile(files: readonly TextFile[], kind: RecordKind, id: string): TextFile | undefined {
  const prefix = `${RECORD_KINDS[kind].folder}/${id}`;
  return files.find(({ path }) => path.startsWith(prefix) && /^[-.]/.test(path.slice(prefix.length)) && (recordKindOf(path) ?? kind) === kind);
}

/**
 * Moves an incident or maintenance on, as `incidents update` and intake do: its file edited in
 * place, and the findings the pull request would give. `file` is set only when the result is valid,
 * so the caller writes it or nothing; `usage` says what is wrong with the options given (one a move needs, a value it cannot take).
 * @param files the repository's record files, the edited one among them
 * @param before the record as it is now (valid)
 */
export function moveIncident(
  config: Config,
  files: readonly TextFile[],
  before: ValidRecord<Incident>,
  update: RecordUpdate,
): { file?: TextFile; findings: Finding[] } | { usage: string } {
  const text = files.find(({ path }) => path === before.path)?.text;
  if (text === undefined) throw new Error(`moveIncident: ${before.path} is not among the files`);
  let result: ReturnType<typeof updateRecord>;
  try {
    result = updateRecord(text, before.data, update);
  } catch (error) {
    if (!(error instanceof LayoutError)) throw error;
    return { findings: [findingAt(before, [error.key], 'update/layout', error.message, { at: 'key' })] };
  }
  if (!result.ok) {
    if (result.refused === 'usage') return { usage: result.message };
    return { findings: [findingAt(before, ['status'], 'lifecycle/transition', result.message)] };
  }
  const file = { path: before.path, text: result.text };
  const findings = [...checkRecordEdit(config, files, file, { now: toMillis(update.at), base: before }), ...servicesStillDown(before, update)];
  return hasErrors(findings) ? { findings } : { file, findings };
}

/**
 * Moves a problem on, as `incidents update PRB-…` does: its file edited in place, and the findings
 * the pull request would give. `file` is set only when the result is valid; `usage` says which
 * option a move needs or which value it cannot take.
 * @param files the repository's record files, the edited one among them
 * @param before the problem as it is now (valid)
 */
export function moveProblem(
  config: Config,
  files: readonly TextFile[],
  before: ValidRecord<Problem>,
  update: ProblemUpdate,
): { file?: TextFile; findings: Finding[] } | { usage: string } {
  const text = files.find(({ path }) => path === before.path)?.text;
  if (text === undefined) throw new Error(`moveProblem: ${before.path} is not among the files`);
  let result: ReturnType<typeof updateProblem>;
  try {
    result = updateProblem(text, before.data, update);
  } catch (error) {
    if (!(error instanceof LayoutError)) throw error;
    return { findings: [findingAt(before, [error.key], 'update/layout', error.message, { at: 'key' })] };
  }
  if (!result.ok) {
    if (result.refused === 'usage') return { usage: result.message };
    return { findings: [findingAt(before, ['status'], 'lifecycle/problem-transition', result.message)] };
  }
  const file = { path: before.path, text: result.text };
  const findings = checkRecordEdit(config, files, file, { now: toMillis(update.at), base: before, kind: 'problems' });
  return hasErrors(findings) ? { findings } : { file, findings };
}

/** The statuses that end an incident or maintenance: its services should be back to operational. */
const ENDED = ['resolved', 'closed', 'completed'];

/**
 * A warning when a move ends a record with a service still shown as down: the status page would go
 * on showing it so. Warned, not refused: a service may stay degraded for reasons of its own.
 */
function servicesStillDown(before: ValidRecord<Incident>, update: RecordUpdate): Finding[] {
  if (!ENDED.includes(update.status) || ENDED.includes(before.data.status)) return [];
  const states = new Map<string, string>(before.data.services.map((service) => [service.id, service.status]));
  for (const service of update.services) states.set(service.id, service.status);
  const down = [...states].filter(([, status]) => status !== 'operational');
  if (down.length === 0) return [];
  const listed = down.map(([id, status]) => `${id} ${status}`).join(', ');
  const fix = down.map(([id]) => `--service ${id}=operational`).join(' ');
  return [
    findingAt(before, ['services'], 'update/services-down', `${update.status} with ${listed} still shown: if it has recovered, pass ${fix}`, {
      at: 'key',
      severity: 'warning',
    }),
  ];
}
