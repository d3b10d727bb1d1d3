import { findingAt } from '../../findings.js';
import type { RecordRule } from '../../records/record-set.js';

/** known_error (of an incident or a problem), duplicate_of, a postmortem's incident and a known error's problem (when a PRB id) point at records that exist. */
export const reference: RecordRule = {
  id: 'record/reference',
  check({ incidents, knownErrors, postmortems, problems }) {
    const incidentIds = new Set(incidents.map((record) => record.data.id));
    const knownErrorIds = new Set(knownErrors.map((record) => record.data.id));
    const problemIds = new Set(problems.map((record) => record.data.id));
    return [
      ...incidents.flatMap((record) => {
        const { id, known_error, duplicate_of } = record.data;
        return [
          known_error !== undefined &&
            !knownErrorIds.has(known_error) &&
            findingAt(record, ['known_error'], this.id, `known_error ${known_error} does not exist: expected the id of a file in known-errors/`),
          duplicate_of !== undefined &&
            !incidentIds.has(duplicate_of) &&
            findingAt(record, ['duplicate_of'], this.id, `duplicate_of ${duplicate_of} does not exist: expected the id of another incident in incidents/`),
          duplicate_of === id &&
            findingAt(record, ['duplicate_of'], this.id, `duplicate_of is the incident's own id: expected the id of the incident it duplicates`),
        ].filter((finding) => finding !== false);
      }),
      ...postmortems
        .filter((record) => !incidentIds.has(record.data.incident))
        .map((record) =>
          findingAt(record, ['incident'], this.id, `incident ${record.data.incident} does not exist: a postmortem reviews an incident in incidents/`),
        ),
      ...problems
        .filter((record) => record.data.known_error !== undefined && !knownErrorIds.has(record.data.known_error))
        .map((record) =>
          findingAt(record, ['known_error'], this.id, `known_error ${record.data.known_error} does not exist: expected the id of a file in known-errors/`),
        ),
      ...knownErrors
        .filter(({ data }) => data.problem !== undefined && /^PRB-/.test(data.problem) && !problemIds.has(data.problem))
        .map((record) =>
          findingAt(
            record,
            ['problem'],
            this.id,
            `problem ${record.data.problem} does not exist: expected the id of a file in problems/, or the URL of an issue`,
          ),
        ),
    ];
  },
};
