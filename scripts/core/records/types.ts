/**
 * The record and config types. They are generated from the JSON Schemas (schema-types.ts, by
 * `npm run types`), so the two cannot drift apart; this file names the parts the code uses.
 */
export type { Config, Incident, KnownError, Postmortem, Problem } from './schema-types.js';
import type { Incident } from './schema-types.js';

export type RecordStatus = Incident['status'];

/** The three-step scale of impact and urgency, highest first. */
export const LEVELS: readonly Incident['impact'][] = ['high', 'medium', 'low'];
