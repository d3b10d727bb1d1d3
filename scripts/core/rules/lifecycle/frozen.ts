import { findingAt } from '../../findings.js';
import { isDeepStrictEqual } from 'node:util';
import { FROZEN_EXCEPT, isFinal } from '../../gate/lifecycle.js';
import { movedIncidents, type ChangeRule } from '../../gate/pull-request.js';

/** A closed, cancelled or completed record is frozen: only its Markdown notes and known_error may change. */
export const lifecycleFrozen: ChangeRule = {
  id: 'lifecycle/frozen',
  check(pullRequest) {
    return movedIncidents(pullRequest).flatMap(({ base, head }) => {
      if (!isFinal(base.data.status)) return [];
      const before: Record<string, unknown> = { ...base.data };
      const after: Record<string, unknown> = { ...head.data };
      const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
      const changed = keys.filter((key) => !(FROZEN_EXCEPT as readonly string[]).includes(key) && !isDeepStrictEqual(before[key], after[key]));
      return changed.map((key) =>
        findingAt(
          head,
          [key in after ? key : 'status'],
          this.id,
          `${head.data.id} is ${base.data.status}, so its frontmatter is frozen, but ${key} changed: only the Markdown notes and ${FROZEN_EXCEPT.join(', ')} may still change, and a postmortem is written in its own file, incidents/${head.data.id}.postmortem.md`,
        ),
      );
    });
  },
};
