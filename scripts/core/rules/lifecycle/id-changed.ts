import { findingAt } from '../../records/record-set.js';
import type { ChangeRule } from '../../gate/pull-request.js';

/** An id never changes once a record exists: links, postmortems and the status page refer to it. A postmortem's incident is its id. */
export const lifecycleIdChanged: ChangeRule = {
  id: 'lifecycle/id-changed',
  check({ incidents, knownErrors, postmortems }) {
    const changed = (key: string, before: string, after: string) =>
      `${key} changed from ${before} to ${after}, but ids never change once a record exists: put it back, and open a new record if this is something else`;
    return [
      ...[...incidents, ...knownErrors].flatMap(({ base, head }) =>
        base && head && base.data.id !== head.data.id ? [findingAt(head, ['id'], this.id, changed('id', base.data.id, head.data.id))] : [],
      ),
      ...postmortems.flatMap(({ base, head }) =>
        base && head && base.data.incident !== head.data.incident ? [findingAt(head, ['incident'], this.id, changed('incident', base.data.incident, head.data.incident))] : [],
      ),
    ];
  },
};
