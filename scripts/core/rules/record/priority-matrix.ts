import { findingAt } from '../../findings.js';
import type { RecordRule } from '../../records/record-set.js';

/** An incident's or a problem's priority equals the config's priority_matrix[impact][urgency] (ITIL). */
export const priorityMatrix: RecordRule = {
  id: 'record/priority-matrix',
  check({ config, incidents, problems }) {
    return [...incidents, ...problems].flatMap((record) => {
      const { impact, urgency, priority } = record.data;
      const expected = config.priority_matrix[impact][urgency];
      if (priority === expected) return [];
      return [
        findingAt(
          record,
          ['priority'],
          this.id,
          `priority is ${priority}, but impact ${impact} and urgency ${urgency} give ${expected} in the config's priority_matrix: expected priority ${expected}, or change impact or urgency`,
        ),
      ];
    });
  },
};
