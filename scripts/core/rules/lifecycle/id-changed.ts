import { findingAt } from '../../findings.js';
import type { ChangeRule } from '../../gate/pull-request.js';
import { idInData, KIND_NAMES, RECORD_KINDS } from '../../records/kinds.js';

/** An id never changes once a record exists: links, postmortems and the status page refer to it. A postmortem's incident is its id. */
export const lifecycleIdChanged: ChangeRule = {
  id: 'lifecycle/id-changed',
  check(pullRequest) {
    return KIND_NAMES.flatMap((kind) => {
      const key = RECORD_KINDS[kind].idKey;
      return pullRequest[kind].flatMap(({ base, head }) => {
        if (!base || !head) return [];
        const [before, after] = [idInData(kind, base.data), idInData(kind, head.data)];
        if (before === after) return [];
        return [
          findingAt(
            head,
            [key],
            this.id,
            `${key} changed from ${before} to ${after}, but ids never change once a record exists: put it back, and open a new record if this is something else`,
          ),
        ];
      });
    });
  },
};
