import { findingAt } from '../../findings.js';
import { movedIncidents, type ChangeRule } from '../../gate/pull-request.js';
import { hasServiceHistory, stateChanges, type ServiceState } from '../../status/service-history.js';

/**
 * Updates already published keep their time, status and the services' states they record: they
 * are the public record, the status history the SLA clocks read and the state history uptime
 * integrates. A message may be corrected. A record with no recorded states yet may have them
 * written onto a published update when they are the states the record already gave
 * (`incidents update --service` does this for the first update), which changes no meaning.
 */
export const lifecycleUpdateHistory: ChangeRule = {
  id: 'lifecycle/update-history',
  check(pullRequest) {
    return movedIncidents(pullRequest).flatMap(({ base, head }) =>
      base.data.updates.flatMap((before, index) => {
        const after = head.data.updates[index];
        if (!after || after.at !== before.at || after.status !== before.status) {
          return [
            findingAt(
              head,
              after ? ['updates', index] : ['updates'],
              this.id,
              `The update of ${before.at} (${before.status}) ${after ? 'was changed' : 'was removed'}: published updates keep their time, status and place (only a message may be corrected); add a new update at the end instead`,
              { at: 'key' },
            ),
          ];
        }
        const kept = before.services
          ? sameStates(before.services, after.services)
          : !after.services || (!hasServiceHistory(base.data) && sameStates(base.data.services, after.services));
        if (kept) return [];
        return [
          findingAt(
            head,
            after.services ? ['updates', index, 'services'] : ['updates', index],
            this.id,
            `The services' states recorded by the update of ${before.at} were ${before.services ? 'changed' : 'written differently from what the record said'}: published states are the uptime history; record a change of state with a new update at the end`,
            { at: 'key' },
          ),
        ];
      }),
    );
  },
};

function sameStates(before: readonly ServiceState[], after: readonly ServiceState[] | undefined): boolean {
  return after !== undefined && stateChanges(before, after).length === 0;
}
