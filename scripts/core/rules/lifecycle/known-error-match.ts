import { findingAt } from '../../findings.js';
import { KNOWN_ERROR_BOUNDS, knownErrorMatcher } from '../../gate/known-error-match.js';
import { addedIncidents, type ChangeRule } from '../../gate/pull-request.js';

/**
 * A new incident that matches an active known error is flagged: a known error is expected, so it is
 * cancelled as one, or kept with known_error_dismissed saying why the match does not apply.
 * Someone who typed `incidents new` is told the command; a pull request, the keys. Matching is
 * bounded (KNOWN_ERROR_BOUNDS): an incident the run's budget did not cover gets a warning.
 */
export const lifecycleKnownErrorMatch: ChangeRule = {
  id: 'lifecycle/known-error-match',
  check(pullRequest) {
    const match = knownErrorMatcher(pullRequest.head.knownErrors.map((record) => record.data));
    return addedIncidents(pullRequest).flatMap((record) => {
      const incident = record.data;
      if (incident.known_error_dismissed !== undefined) return [];
      const { matches, complete } = match(incident);
      const unmatched = complete
        ? []
        : [
            findingAt(
              record,
              ['title'],
              this.id,
              `Not every known error's pattern was tried on this incident: the gate matches at most ${KNOWN_ERROR_BOUNDS.steps.toLocaleString('en')} steps (characters × pattern size) per pull request, and its new incidents need more. Check by hand that it is not a known error, or add fewer incidents per pull request`,
              { severity: 'warning' },
            ),
          ];
      return matches
        .filter(({ knownError }) => !(incident.cancel_reason === 'known_error' && incident.known_error === knownError.id))
        .map(({ knownError, pattern, text }) =>
          findingAt(
            record,
            text === incident.title ? ['title'] : ['updates', 0, 'message'],
            this.id,
            `This looks like ${knownError.id} (${knownError.title}; its pattern "${pattern}" matches). A known error is expected, not an incident: ${
              pullRequest.remedies === 'cli'
                ? `cancel it with incidents update ${incident.id} --status cancelled --known-error ${knownError.id} --message "…", or, if it is something else, say why in known_error_dismissed: in the file`
                : `cancel it with cancel_reason: known_error and known_error: ${knownError.id}, or say why not in known_error_dismissed`
            }. Workaround: ${knownError.workaround}`,
          ),
        )
        .concat(unmatched);
    });
  },
};
