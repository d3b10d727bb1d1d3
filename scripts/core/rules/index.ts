import type { ChangeRule } from '../gate/pull-request.js';
import { KIND_NAMES, type RecordKind } from '../records/kinds.js';
import type { ConfigRule, RecordRule } from '../records/record-set.js';
import { configAnnounceChannel } from './config/announce-channel.js';
import { configApproverService } from './config/approver-service.js';
import { configApproverTeam } from './config/approver-team.js';
import { configCalendar } from './config/calendar.js';
import { configDuration } from './config/duration.js';
import { configHoliday } from './config/holiday.js';
import { configIntakeRoute } from './config/intake-route.js';
import { configTimeZone } from './config/time-zone.js';
import { configUniqueGroup } from './config/unique-group.js';
import { configUniqueService } from './config/unique-service.js';
import { configWorkingHours } from './config/working-hours.js';
import { currentServices } from './record/current-services.js';
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
import { markdownBounds } from './record/markdown-bounds.js';
import { priorityMatrix } from './record/priority-matrix.js';
import { reference } from './record/reference.js';
import { statusFields } from './record/status-fields.js';
import { statusForType } from './record/status-for-type.js';
import { timestampOrder } from './record/timestamp-order.js';
import { uniqueId } from './record/unique-id.js';
import { uniqueService } from './record/unique-service.js';
import { updatesOrder } from './record/updates-order.js';
import { awaitingProblem } from './record/awaiting-problem.js';
import { problemIncidents } from './record/problem-incidents.js';
import { problemStatusFields } from './record/problem-status-fields.js';
import { problemTimestampOrder } from './record/problem-timestamp-order.js';
import { lifecycleProblemTransition } from './lifecycle/problem-transition.js';
import { lifecycleProblemFrozen } from './lifecycle/problem-frozen.js';

/** The checks of incidents.config.yml on its own, run after its schema. */
export const CONFIG_RULES: readonly ConfigRule[] = [
  configUniqueService,
  configUniqueGroup,
  configCalendar,
  configTimeZone,
  configWorkingHours,
  configHoliday,
  configApproverService,
  configIntakeRoute,
  configApproverTeam,
  configDuration,
  configAnnounceChannel,
];

/** Checks across kinds of record: ids and file names, references between records, services named, priorities, approvals. */
const ACROSS_KINDS = {
  record: [idMatchesFile, uniqueId, reference, knownService, markdownBounds, priorityMatrix],
  change: [lifecycleDeleted, lifecycleIdChanged, lifecycleApproval],
} as const;

/**
 * The rules of each kind of record (records/kinds.ts), run on the records that passed their
 * schema (`record`) and by check-pr on what a pull request changes (`change`). A new kind lists its
 * own here; the type asks for every kind.
 */
export const RULES_BY_KIND: { readonly [K in RecordKind]: { record: readonly RecordRule[]; change: readonly ChangeRule[] } } = {
  incidents: {
    record: [uniqueService, timestampOrder, statusForType, statusFields, maintenanceWindow, updatesOrder, lastUpdateStatus, currentServices],
    change: [
      lifecycleInitialStatus,
      lifecycleTransition,
      lifecycleFrozen,
      lifecycleUpdateHistory,
      lifecycleStatusUpdate,
      lifecycleStatusTimestamp,
      lifecycleTimestampChanged,
      lifecycleReopenReason,
      lifecyclePostmortem,
      lifecycleKnownErrorMatch,
    ],
  },
  // A postmortem is checked when its incident closes (lifecycle/postmortem).
  postmortems: { record: [], change: [] },
  knownErrors: { record: [knownErrorPattern], change: [] },
  problems: {
    record: [problemIncidents, problemStatusFields, problemTimestampOrder, awaitingProblem],
    change: [lifecycleProblemTransition, lifecycleProblemFrozen],
  },
};

/** Every check across records, run on the records that passed their schema. */
export const RECORD_RULES: readonly RecordRule[] = [...ACROSS_KINDS.record, ...KIND_NAMES.flatMap((kind) => RULES_BY_KIND[kind].record)];

/** Every check of what a pull request changes, run by check-pr after validate's checks of the head. */
export const CHANGE_RULES: readonly ChangeRule[] = [...ACROSS_KINDS.change, ...KIND_NAMES.flatMap((kind) => RULES_BY_KIND[kind].change)];
