import { setKey } from './edit-frontmatter.js';
import { checkProblemTransition, PROBLEM_IMPLIED_TIMESTAMP, PROBLEM_STATUS_FIELDS, type ProblemStatus } from '../gate/problem-lifecycle.js';
import type { Problem } from '../records/types.js';
import { closestMatch } from '../suggest.js';
import problemSchema from '../../../schemas/problem.schema.json' with { type: 'json' };

/** Why a problem is cancelled: the schema's values. */
export const PROBLEM_CANCEL_REASONS: readonly string[] = problemSchema.properties.cancel_reason.enum;
const KEY_ORDER = Object.keys(problemSchema.properties);

/** What `incidents update PRB-…` was asked to do; each text sets its key when given. */
export interface ProblemUpdate {
  status: ProblemStatus;
  /** When it happened: resolved_at or closed_at when entering those. */
  at: string;
  rootCause?: string;
  knownError?: string;
  fix?: string;
  /** cancel_reason, when cancelling. */
  reason?: string;
}

/** The option that gives each key a problem status can need. */
const OPTION_OF: Readonly<Record<string, string>> = {
  root_cause: '--root-cause TEXT',
  known_error: '--known-error KE-NNNN',
  fix: '--fix URL',
  cancel_reason: `--reason ${PROBLEM_CANCEL_REASONS.join('|')}`,
};

/**
 * Moves a problem on, editing its file's text in place: the status, the keys the new status needs
 * (from the options, or already there), and the timestamp it implies, set to `at`. Comments, key
 * order and the body stay as they were.
 */
export function updateProblem(
  text: string,
  record: Problem,
  update: ProblemUpdate,
): { ok: true; text: string } | { ok: false; refused: 'transition' | 'usage'; message: string } {
  const from = record.status;
  const to = update.status;
  const transition = checkProblemTransition(from, to);
  if (!transition.ok) return { ok: false, refused: 'transition', message: transition.message };
  const usage = (message: string) => ({ ok: false as const, refused: 'usage' as const, message });

  if (update.reason !== undefined && to !== 'cancelled') return usage(`--reason is for cancelling a problem (--status cancelled)`);
  if (to === 'cancelled' && update.reason !== undefined && !PROBLEM_CANCEL_REASONS.includes(update.reason)) {
    const guess = closestMatch(update.reason, PROBLEM_CANCEL_REASONS);
    return usage(
      `--reason ${update.reason} is not a reason to cancel a problem: expected one of ${PROBLEM_CANCEL_REASONS.join(', ')}${guess ? ` (did you mean ${guess}?)` : ''}`,
    );
  }
  const given: Partial<Record<string, string>> = {
    root_cause: update.rootCause,
    known_error: update.knownError,
    fix: update.fix,
    cancel_reason: to === 'cancelled' ? update.reason : undefined,
  };
  const fields: [string, string][] = [];
  for (const [key, value] of Object.entries(given)) if (value !== undefined) fields.push([key, value]);
  const timestamp = PROBLEM_IMPLIED_TIMESTAMP[to];
  if (from !== to && timestamp && record[timestamp] === undefined) fields.push([timestamp, update.at]);
  const missing = PROBLEM_STATUS_FIELDS[to].needs.filter(
    (key) => record[key] === undefined && given[key] === undefined && key !== 'resolved_at' && key !== 'closed_at',
  );
  if (missing.length > 0) return usage(`entering ${to} needs ${missing.map((key) => OPTION_OF[key]).join(' and ')}`);
  if (from === to && fields.length === 0) return usage(`${record.id} is already ${to}: say what changes with --root-cause, --known-error or --fix`);

  let edited = setKey(text, ['status'], to, KEY_ORDER);
  for (const [key, value] of fields) edited = setKey(edited, [key], value, KEY_ORDER);
  return { ok: true, text: edited };
}
