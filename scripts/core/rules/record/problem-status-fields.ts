import { findingAt } from '../../findings.js';
import { PROBLEM_STATUS_FIELDS } from '../../gate/problem-lifecycle.js';
import type { RecordRule } from '../../records/record-set.js';

/** Each problem status has the keys it needs (root_cause from root_cause_known on, known_error in known_error, fix from resolved on, …) and none it forbids. */
export const problemStatusFields: RecordRule = {
  id: 'record/problem-status-fields',
  check({ problems }) {
    return problems.flatMap((record) => {
      const { status } = record.data;
      const { needs, forbids } = PROBLEM_STATUS_FIELDS[status];
      return [
        ...needs
          .filter((key) => record.data[key] === undefined)
          .map((key) => findingAt(record, ['status'], this.id, `Problem status ${status} needs ${key}, which is empty or missing: ${NEEDED[key]}`)),
        ...forbids
          .filter((key) => record.data[key] !== undefined)
          .map((key) => findingAt(record, [key], this.id, `${key} is set, but the status is ${status}: ${key} stays empty until the problem gets there`)),
      ];
    });
  },
};

/** What to write in each key a status needs. */
const NEEDED: Readonly<Record<string, string>> = {
  root_cause: 'say why the incidents happen',
  known_error: 'name the known error (KE-NNNN) that documents the workaround, or skip known_error when there is none',
  fix: 'link the change that removes the cause (a pull request, commit or issue URL)',
  resolved_at: 'when the fix removed the cause',
  closed_at: 'when the problem was closed',
  cancel_reason: 'duplicate or not_a_problem',
};
