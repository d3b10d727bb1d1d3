import { findingAt, type RecordRule } from '../../records/record-set.js';

const ID_IN_NAME = /^(?:incidents|known-errors)\/((?:INC-\d{4}|KE)-\d{4})/;

/** An incident's or known error's id, and a postmortem's `incident`, equal the id in the file name. */
export const idMatchesFile: RecordRule = {
  id: 'record/id-matches-file',
  check({ incidents, knownErrors, postmortems }) {
    const keyed = [
      ...incidents.map((record) => ({ record, key: 'id', value: record.data.id })),
      ...knownErrors.map((record) => ({ record, key: 'id', value: record.data.id })),
      ...postmortems.map((record) => ({ record, key: 'incident', value: record.data.incident })),
    ];
    return keyed.flatMap(({ record, key, value }) => {
      const expected = ID_IN_NAME.exec(record.path)?.[1];
      if (expected === undefined || value === expected) return [];
      return [findingAt(record, [key], this.id, `${key} is ${value}, but the file is named ${record.path}: expected ${key} ${expected}, or rename the file`)];
    });
  },
};
