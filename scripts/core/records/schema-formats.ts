import { fullFormats } from 'ajv-formats/dist/formats.js';
import { isTimestamp } from '../time/timestamps.js';

/**
 * The string formats our schemas use: `date` and `uri` as ajv-formats checks them, and `date-time`
 * as the records write timestamps (isTimestamp: a real date, with an offset). The validators
 * precompiled into the bundle look their formats up here too.
 */
export const FORMATS = {
  date: fullFormats.date,
  uri: fullFormats.uri,
  'date-time': { type: 'string' as const, validate: isTimestamp },
};
