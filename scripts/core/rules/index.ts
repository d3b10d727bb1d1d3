import type { ConfigRule, RecordRule } from '../record-set.js';
import { configApproverService } from './config-approver-service.js';
import { configCalendar } from './config-calendar.js';
import { configDuration } from './config-duration.js';
import { configHoliday } from './config-holiday.js';
import { configTimeZone } from './config-time-zone.js';
import { configUniqueService } from './config-unique-service.js';
import { configWorkingHours } from './config-working-hours.js';
import { idMatchesFile } from './id-matches-file.js';
import { knownErrorPattern } from './known-error-pattern.js';
import { knownService } from './known-service.js';
import { lastUpdateStatus } from './last-update-status.js';
import { maintenanceWindow } from './maintenance-window.js';
import { priorityMatrix } from './priority-matrix.js';
import { reference } from './reference.js';
import { statusFields } from './status-fields.js';
import { statusForType } from './status-for-type.js';
import { timestampOrder } from './timestamp-order.js';
import { uniqueId } from './unique-id.js';
import { uniqueService } from './unique-service.js';
import { updatesOrder } from './updates-order.js';

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
