import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import commonSchema from '../../schemas/common.schema.json' with { type: 'json' };
import configSchema from '../../schemas/config.schema.json' with { type: 'json' };
import incidentSchema from '../../schemas/incident.schema.json' with { type: 'json' };
import knownErrorSchema from '../../schemas/known-error.schema.json' with { type: 'json' };
import postmortemSchema from '../../schemas/postmortem.schema.json' with { type: 'json' };
import { isTimestamp } from './timestamps.js';

/** What each schema describes. */
export type SchemaName = 'incident' | 'postmortem' | 'known_error' | 'config';

/** Every schema, by the name of what it describes; `common` holds shared definitions. */
export const SCHEMAS = {
  common: commonSchema,
  incident: incidentSchema,
  postmortem: postmortemSchema,
  known_error: knownErrorSchema,
  config: configSchema,
} as const;

// ajv-formats is CommonJS: under NodeNext its default export arrives as the module object.
const addFormats = (addFormatsModule as unknown as { default: (ajv: Ajv2020, options: object) => Ajv2020 }).default;

let ajv: Ajv2020 | undefined;
const validators = new Map<SchemaName, ValidateFunction>();

/** The compiled validator for one schema (compiled once, on first use: check-pr may need only two). */
export function validatorFor(name: SchemaName): ValidateFunction {
  let validate = validators.get(name);
  if (!validate) {
    if (!ajv) {
      ajv = new Ajv2020({ allErrors: true, strict: true, verbose: true });
      addFormats(ajv, { mode: 'full', formats: ['date', 'uri'] });
      ajv.addFormat('date-time', { type: 'string', validate: isTimestamp });
      ajv.addSchema(commonSchema);
    }
    validate = ajv.compile(SCHEMAS[name]);
    validators.set(name, validate);
  }
  return validate;
}

/** Ajv's errors for `data` against the named schema; empty when it is valid. */
export function schemaErrors(name: SchemaName, data: unknown): ErrorObject[] {
  const validate = validatorFor(name);
  return validate(data) ? [] : [...(validate.errors ?? [])];
}
