import { fileFinding } from '../../findings.js';
import type { ChangeRule } from '../../gate/pull-request.js';
import { RECORD_KINDS } from '../../records/kinds.js';

/** Records are never deleted: the history of incidents is what the SLA report and the status page stand on. */
export const lifecycleDeleted: ChangeRule = {
  id: 'lifecycle/deleted',
  check({ deleted }) {
    return deleted.map(({ path, kind }) =>
      fileFinding(path, this.id, `${path} is deleted, but records are never deleted: ${RECORD_KINDS[kind].insteadOfDeleting}`),
    );
  },
};
