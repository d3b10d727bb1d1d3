/**
 * The record and config types. They are generated from the JSON Schemas (schema-types.ts, by
 * `npm run types`), so the two cannot drift apart; this file names the parts the code uses.
 */
export type {
  ActionItem,
  AffectedService,
  Calendar,
  Config,
  EscalationLevel,
  Incident,
  KnownError,
  KnownErrorMatch,
  Postmortem,
  Priority,
  Resolution,
  Service,
  SlaPolicy,
  Update,
} from './schema-types.js';
import type { Incident } from './schema-types.js';

export type RecordStatus = Incident['status'];
export type ServiceStatus = Incident['services'][number]['status'];
export type Level = Incident['impact'];
