import type { ChangeRule } from '../../gate/pull-request.js';

/** What to do instead of deleting each kind of record, by folder and suffix. */
function insteadOfDeleting(path: string): string {
  if (path.endsWith('.postmortem.md')) return 'a postmortem stays with its incident: edit it instead';
  if (path.startsWith('known-errors/')) return 'set a known error that no longer applies to status: fixed or retired';
  return 'cancel an incident instead (status: cancelled with a cancel_reason, e.g. duplicate or false_positive)';
}

/** Records are never deleted: the history of incidents is what the SLA report and the status page stand on. */
export const lifecycleDeleted: ChangeRule = {
  id: 'lifecycle/deleted',
  check({ deleted }) {
    return deleted.map((path) => ({ path, line: 1, column: 1, rule: this.id, severity: 'error' as const, message: `${path} is deleted, but records are never deleted: ${insteadOfDeleting(path)}` }));
  },
};
