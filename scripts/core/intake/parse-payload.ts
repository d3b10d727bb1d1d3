import { isObject, describe } from './json-checks.js';
import { parseAlertGroup } from './parse-alerts.js';
import { parseIssueEvent } from './parse-issue.js';
import { INTAKE_SOURCES, type IntakePayload, type IntakeSource, type Parsed } from './payload.js';

/** The repository_dispatch event type the relay sends and the intake workflow listens for. */
export const DISPATCH_EVENT_TYPE = 'incident-alert';

/**
 * Reads what intake is given: a `repository_dispatch` event (`client_payload: {source, payload}`),
 * an `issues` event, or a raw webhook body (then `source` must be named). The source the event
 * names must agree with `source` when both are given.
 */
export function parsePayload(value: unknown, source: IntakeSource | undefined): Parsed<IntakePayload> & { source?: IntakeSource } {
  let named: unknown = source;
  let body = value;
  if (isObject(value) && isObject(value.client_payload)) {
    if (value.action !== DISPATCH_EVENT_TYPE)
      return { ok: false, problems: [`action: found ${describe(value.action)}, expected "${DISPATCH_EVENT_TYPE}" (the repository_dispatch event type)`] };
    named = value.client_payload.source;
    body = value.client_payload.payload;
    if (source && named !== source) return { ok: false, problems: [`client_payload.source: found ${describe(named)}, and --source says ${source}`] };
  } else if (isObject(value) && isObject(value.issue) && 'action' in value) {
    named = 'issue';
    if (source && source !== 'issue') return { ok: false, problems: [`this is an issues event, and --source says ${source}`] };
  }
  if (!INTAKE_SOURCES.includes(named as IntakeSource))
    return {
      ok: false,
      problems: [
        named === undefined
          ? `a raw webhook body needs --source (${INTAKE_SOURCES.join(', ')})`
          : `client_payload.source: found ${describe(named)}, expected one of ${INTAKE_SOURCES.join(', ')}`,
      ],
    };
  const which = named as IntakeSource;
  const parsed = which === 'issue' ? parseIssueEvent(body) : parseAlertGroup(which, body);
  return { ...parsed, source: which };
}
