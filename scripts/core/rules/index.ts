import type { ChangeRule } from '../gate/pull-request.js';
import type { ConfigRule, RecordRule } from '../records/record-set.js';
import { configApproverService } from './config/approver-service.js';
import { configCalendar } from './config/calendar.js';
import { configDuration } from './config/duration.js';
import { configHoliday } from './config/holiday.js';
import { configTimeZone } from './config/time-zone.js';
import { configUniqueService } from './config/unique-service.js';
import { configWorkingHours } from './config/working-hours.js';
import { idMatchesFile } from './record/id-matches-file.js';
import { knownErrorPattern } from './record/known-error-pattern.js';
import { knownService } from './record/known-service.js';
import { lastUpdateStatus } from './record/last-update-status.js';
import { lifecycleApproval } from './lifecycle/approval.js';
import { lifecycleDeleted } from './lifecycle/deleted.js';
import { lifecycleFrozen } from './lifecycle/frozen.js';
import { lifecycleIdChanged } from './lifecycle/id-changed.js';
import { lifecycleInitialStatus } from './lifecycle/initial-status.js';
import { lifecycleKnownErrorMatch } from './lifecycle/known-error-match.js';
import { lifecyclePostmortem } from './lifecycle/postmortem.js';
import { lifecycleReopenReason } from './lifecycle/reopen-reason.js';
import { lifecycleStatusTimestamp } from './lifecycle/status-timestamp.js';
import { lifecycleStatusUpdate } from './lifecycle/status-update.js';
import { lifecycleTimestampChanged } from './lifecycle/timestamp-changed.js';
import { lifecycleTransition } from './lifecycle/transition.js';
import { lifecycleUpdateHistory } from './lifecycle/update-history.js';
import { maintenanceWindow } from './record/maintenance-window.js';
import { priorityMatrix } from './record/priority-matrix.js';
import { reference } from './record/reference.js';
import { statusFields } from './record/status-fields.js';
import { statusForType } from './record/status-for-type.js';
import { timestampOrder } from './record/timestamp-order.js';
import { uniqueId } from './record/unique-id.js';
import { uniqueService } from './record/unique-service.js';
import { updatesOrder } from './record/updates-order.js';

/** The checks of incidents.config.yml on its own, run after its schema. */
export const CONFIG_RULES: readonly ConfigRule[] = [
  configUniqueService,
  configCalendar,
  configTimeZone,
  configWorkingHours,
  configHoliday,
  configApproverService,
  configDuration,
];

/** The checks across records, run on the records that passed their schema. */
export const RECORD_RULES: readonly RecordRule[] = [
  idMatchesFile,
  uniqueId,
  knownService,
  uniqueService,
  priorityMatrix,
  timestampOrder,
  statusForType,
  statusFields,
  maintenanceWindow,
  updatesOrder,
  lastUpdateStatus,
  reference,
  knownErrorPattern,
];

/** The checks of what a pull request changes, run by check-pr after validate's checks of the head. */
export const CHANGE_RULES: readonly ChangeRule[] = [
  lifecycleDeleted,
  lifecycleIdChanged,
  lifecycleInitialStatus,
  lifecycleTransition,
  lifecycleFrozen,
  lifecycleUpdateHistory,
  lifecycleStatusUpdate,
  lifecycleStatusTimestamp,
  lifecycleTimestampChanged,
  lifecycleReopenReason,
  lifecycleApproval,
  lifecyclePostmortem,
  lifecycleKnownErrorMatch,
];
