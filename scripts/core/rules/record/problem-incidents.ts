import { findingAt, type Finding } from '../../findings.js';
import type { RecordRule } from '../../records/record-set.js';

/**
 * A problem lists incidents that exist, each once, and an incident belongs to one problem at most:
 * every problem that lists an incident another also lists is told which, so the pull request that
 * changes either one sees it.
 */
export const problemIncidents: RecordRule = {
  id: 'record/problem-incidents',
  check({ incidents, problems }) {
    const known = new Set(incidents.map((record) => record.data.id));
    const listedBy = new Map<string, string[]>();
    for (const { data } of problems) for (const id of new Set(data.incidents ?? [])) listedBy.set(id, [...(listedBy.get(id) ?? []), data.id]);
    return problems.flatMap((record) =>
      (record.data.incidents ?? []).flatMap((id, index, list): Finding[] => {
        const at = ['incidents', index];
        if (list.indexOf(id) !== index)
          return [findingAt(record, at, this.id, `${id} is listed twice (also incidents[${list.indexOf(id)}]): list each incident once`)];
        if (!known.has(id)) return [findingAt(record, at, this.id, `Incident ${id} does not exist: expected the id of a file in incidents/`)];
        const others = listedBy.get(id)!.filter((other) => other !== record.data.id);
        if (others.length === 0) return [];
        return [
          findingAt(
            record,
            at,
            this.id,
            `${id} is also listed by ${others.join(', ')}: an incident belongs to one problem at most; if they are one cause, cancel one problem as a duplicate`,
          ),
        ];
      }),
    );
  },
};
