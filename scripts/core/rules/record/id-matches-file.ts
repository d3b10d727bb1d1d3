import { findingAt } from '../../findings.js';
import { idInData, idOfPath, KIND_NAMES, RECORD_KINDS } from '../../records/kinds.js';
import type { RecordRule } from '../../records/record-set.js';

/** Every record's id (a postmortem's `incident`) equals the id in its file name. */
export const idMatchesFile: RecordRule = {
  id: 'record/id-matches-file',
  check(records) {
    return KIND_NAMES.flatMap((kind) => {
      const key = RECORD_KINDS[kind].idKey;
      return records[kind].flatMap((record) => {
        const value = idInData(kind, record.data);
        const expected = idOfPath(record.path);
        if (expected === undefined || value === expected) return [];
        return [findingAt(record, [key], this.id, `${key} is ${value}, but the file is named ${record.path}: expected ${key} ${expected}, or rename the file`)];
      });
    });
  },
};
