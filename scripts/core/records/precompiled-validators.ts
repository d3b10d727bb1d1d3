import type { ValidateFunction } from 'ajv/dist/2020.js';
import type { SchemaName } from './schemas.js';

/**
 * The schemas' validators compiled ahead of time, or undefined to compile them on first use. From
 * the sources it is undefined; the bundles replace this file with Ajv's standalone code for the
 * same schemas and options (scripts/dev/build.ts), so a command starts without compiling.
 */
export const PRECOMPILED: Record<SchemaName, ValidateFunction> | undefined = undefined;
