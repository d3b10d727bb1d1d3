import type { Incident, RecordStatus } from '../records/types.js';

/** The statuses each type of record moves through (docs/reference.md, Lifecycle). */
export const STATUSES: Readonly<Record<Incident['type'], readonly RecordStatus[]>> = {
  incident: ['reported', 'investigating', 'identified', 'monitoring', 'on_hold', 'resolved', 'closed', 'cancelled'],
  maintenance: ['scheduled', 'in_progress', 'verifying', 'completed', 'cancelled'],
};

/** Optional keys of an incident that a status can require or forbid. */
export type StatusField = 'acknowledged_at' | 'mitigated_at' | 'resolved_at' | 'closed_at' | 'resolution' | 'hold_reason' | 'cancel_reason';

/**
 * What each status needs (keys that must be set) and forbids (keys that must be empty), as data.
 * Timestamps that a status implies are the ones `incidents update` sets when entering it.
 */
export const STATUS_FIELDS: Readonly<Record<RecordStatus, { needs: readonly StatusField[]; forbids: readonly StatusField[] }>> = {
  reported: { needs: [], forbids: ['resolved_at', 'closed_at'] },
  investigating: { needs: ['acknowledged_at'], forbids: ['resolved_at', 'closed_at'] },
  identified: { needs: ['acknowledged_at'], forbids: ['resolved_at', 'closed_at'] },
  monitoring: { needs: ['acknowledged_at', 'mitigated_at'], forbids: ['resolved_at', 'closed_at'] },
  on_hold: { needs: ['acknowledged_at', 'hold_reason'], forbids: ['resolved_at', 'closed_at'] },
  resolved: { needs: ['acknowledged_at', 'resolved_at', 'resolution'], forbids: ['closed_at'] },
  closed: { needs: ['acknowledged_at', 'resolved_at', 'resolution', 'closed_at'], forbids: [] },
  cancelled: { needs: ['cancel_reason'], forbids: [] },
  scheduled: { needs: [], forbids: ['resolved_at', 'closed_at'] },
  in_progress: { needs: [], forbids: ['resolved_at', 'closed_at'] },
  verifying: { needs: [], forbids: ['resolved_at', 'closed_at'] },
  completed: { needs: ['resolved_at'], forbids: ['closed_at'] },
};

/** What a cancel reason needs besides itself. */
export const CANCEL_REASON_FIELDS: Readonly<Record<NonNullable<Incident['cancel_reason']>, 'duplicate_of' | 'known_error' | undefined>> = {
  duplicate: 'duplicate_of',
  known_error: 'known_error',
  false_positive: undefined,
  not_an_incident: undefined,
};

type TimestampKey = 'started_at' | 'detected_at' | 'reported_at' | 'acknowledged_at' | 'mitigated_at' | 'resolved_at' | 'closed_at';

/**
 * The timestamps of a record in the order they must happen. A maintenance is announced
 * (reported) before its work starts.
 */
export const TIMESTAMP_ORDER: Readonly<Record<Incident['type'], readonly TimestampKey[]>> = {
  incident: ['started_at', 'detected_at', 'reported_at', 'acknowledged_at', 'mitigated_at', 'resolved_at', 'closed_at'],
  maintenance: ['reported_at', 'started_at', 'resolved_at', 'closed_at'],
};

/**
 * The moves each status allows (docs/reference.md, Lifecycle), as data. Open incident states may skip
 * forward; on_hold leaves and returns to investigating or identified; the ways back are a fix that
 * did not hold (monitoring → identified or investigating, as Statuspage allows) and the reopen
 * resolved → investigating; closed is entered only from resolved.
 */
export const TRANSITIONS: Readonly<Record<RecordStatus, readonly RecordStatus[]>> = {
  reported: ['investigating', 'identified', 'monitoring', 'resolved', 'cancelled'],
  investigating: ['identified', 'monitoring', 'on_hold', 'resolved', 'cancelled'],
  identified: ['monitoring', 'on_hold', 'resolved', 'cancelled'],
  monitoring: ['investigating', 'identified', 'resolved', 'cancelled'],
  on_hold: ['investigating', 'identified', 'cancelled'],
  resolved: ['closed', 'investigating'],
  closed: [],
  cancelled: [],
  scheduled: ['in_progress', 'verifying', 'completed', 'cancelled'],
  in_progress: ['verifying', 'completed', 'cancelled'],
  verifying: ['completed', 'cancelled'],
  completed: [],
};

/** The statuses a new record may start in: any but closed for an incident; scheduled for a maintenance. */
export const INITIAL_STATUSES: Readonly<Record<Incident['type'], readonly RecordStatus[]>> = {
  incident: STATUSES.incident.filter((status) => status !== 'closed'),
  maintenance: ['scheduled'],
};

/**
 * Whether a record may move from one status to another (staying put is always allowed), and if
 * not, a message naming what was expected.
 */
export function checkTransition(from: RecordStatus, to: RecordStatus): { ok: true } | { ok: false; message: string } {
  if (from === to || TRANSITIONS[from].includes(to)) return { ok: true };
  const allowed = TRANSITIONS[from];
  const expected = allowed.length === 0 ? `${from} is final: nothing follows it` : `expected one of ${allowed.join(', ')}`;
  return { ok: false, message: `Unexpected status "${to}" after "${from}", ${expected}` };
}

/** The timestamp entering a status sets (`incidents update` sets it; the gate checks it was set). */
export const IMPLIED_TIMESTAMP: Readonly<Partial<Record<RecordStatus, TimestampKey>>> = {
  investigating: 'acknowledged_at',
  identified: 'acknowledged_at',
  on_hold: 'acknowledged_at',
  monitoring: 'mitigated_at',
  resolved: 'resolved_at',
  closed: 'closed_at',
  in_progress: 'started_at',
  completed: 'resolved_at',
};

/** The statuses that need an approving review to enter: a resolution, or a close (docs/reference.md, Approvals). */
export const APPROVAL_STATUSES: readonly RecordStatus[] = ['resolved', 'closed'];

/** True while an incident still needs people: not resolved, closed or cancelled. */
export function isOpen(incident: Pick<Incident, 'status'>): boolean {
  return !['resolved', 'closed', 'cancelled'].includes(incident.status);
}

/** True for closed, cancelled and completed: nothing follows them, and the record is frozen. */
export function isFinal(status: RecordStatus): boolean {
  return TRANSITIONS[status].length === 0;
}

/**
 * What may still change in a final record: its Markdown notes and a link to a known error found
 * later. The postmortem is its own file, so writing or publishing it never touches the record.
 */
export const FROZEN_EXCEPT = ['known_error'] as const;
