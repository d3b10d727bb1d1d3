import { findingAt, type Finding } from '../../findings.js';
import type { RecordRule } from '../../records/record-set.js';

/**
 * A problem lists incidents that exist, each once, and an incident belongs to one problem at most:
 * the second problem to list it (in file order) is told which one already does.
 */
export const problemIncidents: RecordRule = {
  id: 'record/problem-incidents',
  check({ incidents, problems }) {
    const known = new Set(incidents.map((record) => record.data.id));
    const owner = new Map<string, string>();
    return problems.flatMap((record) =>
      (record.data.incidents ?? []).flatMap((id, index, list): Finding[] => {
        const at = ['incidents', index];
        if (list.indexOf(id) !== index)
          return [findingAt(record, at, this.id, `${id} is listed twice (also incidents[${list.indexOf(id)}]): list each incident once`)];
        if (!known.has(id)) return [findingAt(record, at, this.id, `Incident ${id} does not exist: expected the id of a file in incidents/`)];
        const first = owner.get(id);
        if (first === undefined) {
          owner.set(id, record.data.id);
          return [];
        }
        return [
          findingAt(
            record,
            at,
            this.id,
            `${id} is already listed by ${first}: an incident belongs to one problem at most; if both are one cause, cancel one problem as a duplicate`,
          ),
        ];
      }),
    );
  },
};
