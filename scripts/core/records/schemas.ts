import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import commonSchema from '../../../schemas/common.schema.json' with { type: 'json' };
import configSchema from '../../../schemas/config.schema.json' with { type: 'json' };
import { KIND_NAMES, RECORD_KINDS, type RecordKindDescriptor } from './kinds.js';
import { PRECOMPILED } from './precompiled-validators.js';
import { FORMATS } from './schema-formats.js';

/** What each schema describes: a kind of record (records/kinds.ts), or the config. */
export type SchemaName = RecordKindDescriptor['schemaName'] | 'config';

/** A JSON Schema file of ours, as far as the code reads it. */
export type JsonSchema = { $schema: string; $id: string };

/** Every schema, by the name of what it describes; `common` holds shared definitions. */
export const SCHEMAS: Readonly<Record<SchemaName | 'common', JsonSchema>> = collectSchemas();

function collectSchemas(): Record<SchemaName | 'common', JsonSchema> {
  const byName: Record<string, JsonSchema> = {};
  for (const kind of KIND_NAMES) byName[RECORD_KINDS[kind].schemaName] = RECORD_KINDS[kind].schema;
  Object.assign(byName, { config: configSchema, common: commonSchema });
  // Every record kind's schema and the config's are in: the names are exactly SchemaName's.
  return byName as Record<SchemaName | 'common', JsonSchema>;
}

/** The options the validators are compiled with, here and ahead of time in the bundles. */
export const AJV_OPTIONS = { allErrors: true, strict: true, verbose: true } as const;

/** An Ajv instance that knows our formats and the shared definitions. */
export function createAjv(options: ConstructorParameters<typeof Ajv2020>[0] = AJV_OPTIONS): Ajv2020 {
  const ajv = new Ajv2020(options);
  for (const [name, format] of Object.entries(FORMATS)) ajv.addFormat(name, format);
  ajv.addSchema(commonSchema); // shared definitions the others refer to
  return ajv;
}

let ajv: Ajv2020 | undefined;
const validators = new Map<SchemaName, ValidateFunction>();

/** The validator for one schema: precompiled in the bundles, else compiled once, on first use. */
export function validatorFor(name: SchemaName): ValidateFunction {
  if (PRECOMPILED) return PRECOMPILED[name];
  let validate = validators.get(name);
  if (!validate) {
    ajv ??= createAjv();
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
