import { addItemKey, appendItem, flowList, setItemKey, setKey } from './edit-frontmatter.js';
import { CANCEL_REASON_FIELDS, checkTransition, IMPLIED_TIMESTAMP, STATUS_FIELDS, TIMESTAMP_ORDER } from '../gate/lifecycle.js';
import type { Incident, RecordStatus } from '../records/types.js';
import { closestMatch } from '../suggest.js';
import { hasServiceHistory, type ServiceState } from '../status/service-history.js';
import incidentSchema from '../../../schemas/incident.schema.json' with { type: 'json' };

const { hold_reason, cancel_reason, resolution } = incidentSchema.properties;
/** Why an incident is on hold, and why it was cancelled: the schema's values. */
export const HOLD_REASONS: readonly string[] = hold_reason.enum;
export const CANCEL_REASONS: readonly string[] = cancel_reason.enum;
/** The reasons each reason key takes; a reopen's is free text. */
const REASONS: Readonly<Record<'hold_reason' | 'cancel_reason' | 'reopen_reason', readonly string[] | undefined>> = {
  hold_reason: HOLD_REASONS,
  cancel_reason: CANCEL_REASONS,
  reopen_reason: undefined,
};
/** The resolution codes, from the schema. */
export const RESOLUTION_CODES: readonly string[] = resolution.properties.code.enum;

/** What `incidents update` was asked to do. */
export interface RecordUpdate {
  status: RecordStatus;
  message: string;
  /** When it happened: the update's time and the timestamp the status implies. */
  at: string;
  /** Services whose public state changes (added when the incident did not list them). */
  services: readonly { id: string; status: string }[];
  /** Why: reopen_reason on a reopen, hold_reason for on_hold, cancel_reason for cancelled. */
  reason?: string;
  resolution?: { code: string; summary: string };
  knownError?: string;
  duplicateOf?: string;
}

/** The text of a record moved on, or why it cannot be: a move the lifecycle forbids, or an option it needs. */
type UpdateResult = { ok: true; text: string } | { ok: false; refused: 'transition' | 'usage'; message: string };

/**
 * Moves an incident or maintenance on, editing its file's text in place: the status, the keys the
 * new status needs (its timestamps set to `at`), the services' states, and a new update at the end.
 * A reopen (resolved → investigating) clears resolved_at and records the reason.
 */
export function updateRecord(text: string, record: Incident, update: RecordUpdate): UpdateResult {
  const from = record.status;
  const to = update.status;
  const transition = checkTransition(from, to);
  if (!transition.ok) return { ok: false, refused: 'transition', message: transition.message };
  const usage = (message: string): UpdateResult => ({ ok: false, refused: 'usage', message });

  const fields: [readonly [string] | readonly [string, string], string | null][] = [[['status'], to]];
  const reasonKey =
    to === 'on_hold' ? 'hold_reason' : to === 'cancelled' ? 'cancel_reason' : from === 'resolved' && to !== 'closed' ? 'reopen_reason' : undefined;
  const last = record.updates.at(-1);
  if (from === to && last?.status === to && last.message === update.message) {
    return usage(`the last update of ${record.id} already says this (${last.at}): nothing is added; say what changed in --message`);
  }
  // --known-error or --duplicate-of alone, when cancelling, say which reason it is.
  const reason = update.reason ?? (to === 'cancelled' ? (update.knownError ? 'known_error' : update.duplicateOf ? 'duplicate' : undefined) : undefined);
  if (reasonKey && from !== to) {
    const allowed = REASONS[reasonKey];
    const values = allowed ? `, one of ${allowed.join(', ')}` : ': why it came back, in a sentence';
    if (!reason) return usage(`entering ${to} from ${from} needs --reason${values}`);
    if (allowed && !allowed.includes(reason)) {
      const guess = closestMatch(reason, allowed);
      return usage(`--reason ${reason} is not a reason for ${to}: expected one of ${allowed.join(', ')}${guess ? ` (did you mean ${guess}?)` : ''}`);
    }
    fields.push([[reasonKey], reason]);
  }
  if (reasonKey === 'reopen_reason' && from !== to) fields.push([['resolved_at'], null]);
  // A fix that did not hold mitigated nothing: the next move to monitoring records when one does.
  if (from === 'monitoring' && (to === 'investigating' || to === 'identified')) fields.push([['mitigated_at'], null]);
  if (from === 'on_hold' && to !== 'on_hold') fields.push([['hold_reason'], null]);
  if (to === 'cancelled' && reason) {
    const needed = CANCEL_REASON_FIELDS[reason as keyof typeof CANCEL_REASON_FIELDS];
    const value = needed === 'known_error' ? update.knownError : needed === 'duplicate_of' ? update.duplicateOf : undefined;
    if (needed && !value && !record[needed]) return usage(`--reason ${reason} needs --${needed.replace('_', '-')}`);
    if (needed && value) fields.push([[needed], value]);
  }
  if (update.resolution && !RESOLUTION_CODES.includes(update.resolution.code)) {
    const guess = closestMatch(update.resolution.code, RESOLUTION_CODES);
    return usage(
      `--resolution ${update.resolution.code} is not a resolution code: expected one of ${RESOLUTION_CODES.join(', ')}${guess ? ` (did you mean ${guess}?)` : ''}`,
    );
  }
  if (update.resolution) {
    fields.push([['resolution', 'code'], update.resolution.code], [['resolution', 'summary'], update.resolution.summary]);
  } else if (STATUS_FIELDS[to].needs.includes('resolution') && !record.resolution) {
    return usage(`entering ${to} needs --resolution CODE (one of ${RESOLUTION_CODES.join(', ')}) and --summary TEXT`);
  }
  if (from !== to) {
    const timestamps = new Set(
      [IMPLIED_TIMESTAMP[to], ...STATUS_FIELDS[to].needs].filter(
        (key) => key !== undefined && (TIMESTAMP_ORDER[record.type] as readonly string[]).includes(key),
      ),
    );
    for (const key of timestamps) if (record[key as keyof Incident] === undefined) fields.push([[key as string], update.at]);
  }

  let edited = text;
  for (const [path, value] of fields) edited = setKey(edited, path, value);
  const listed = new Set(record.services.map((service) => service.id));
  for (const service of update.services) {
    edited = listed.has(service.id)
      ? setItemKey(edited, 'services', service.id, 'status', service.status)
      : appendItem(edited, 'services', [
          ['id', service.id],
          ['status', service.status],
        ]);
  }
  // A change of state is recorded on the new update; a record with no recorded states yet first
  // gets the states it gave until now on its first update, so the time before keeps its meaning.
  const changesStates = update.services.length > 0;
  if (changesStates && !hasServiceHistory(record)) edited = addItemKey(edited, 'updates', 0, 'services', statesText(record.services));
  edited = appendItem(edited, 'updates', [
    ['at', update.at],
    ['status', to],
    ['message', update.message],
    ...(changesStates ? ([['services', statesText(withChanges(record.services, update.services))]] as const) : []),
  ]);
  return { ok: true, text: edited };
}

/** The services' states after some changes: changed in place, new ones at the end. */
function withChanges(services: readonly ServiceState[], changes: RecordUpdate['services']): { id: string; status: string }[] {
  const after: { id: string; status: string }[] = services.map((service) => ({ ...service }));
  for (const change of changes) {
    const listed = after.find((service) => service.id === change.id);
    if (listed) listed.status = change.status;
    else after.push({ ...change });
  }
  return after;
}

function statesText(services: readonly { id: string; status: string }[]) {
  return flowList(
    services.map((service) => [
      ['id', service.id],
      ['status', service.status],
    ]),
  );
}
