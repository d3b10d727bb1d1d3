/**
 * Generates scripts/core/records/schema-types.ts from schemas/*.schema.json, so that the TypeScript types
 * and the JSON Schemas cannot drift apart: `npm run types` writes it, and a test fails when the
 * committed file differs from what the schemas give.
 */
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { basename } from 'node:path';
import { compile, type JSONSchema } from 'json-schema-to-typescript';
import { SCHEMAS } from '../core/records/schemas.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const TYPES_FILE = `${ROOT}scripts/core/records/schema-types.ts`;

const BANNER = `/* Generated from schemas/*.schema.json by \`npm run types\`: do not edit by hand. */`;

/** The TypeScript source the schemas give. */
export async function generateTypes(): Promise<string> {
  const all: JSONSchema = {
    title: 'Schemas',
    type: 'object',
    additionalProperties: false,
    // One property per schema, so each gets its type: Schemas['incident'] is Incident.
    properties: Object.fromEntries(Object.entries(SCHEMAS).flatMap(([name, schema]) => (name === 'common' ? [] : [[name, { $ref: basename(schema.$id) }]]))),
  };
  return compile(all, 'Schemas', {
    cwd: `${ROOT}schemas`,
    bannerComment: BANNER,
    additionalProperties: false,
    ignoreMinAndMaxItems: true,
    style: { singleQuote: true, printWidth: 120 },
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await writeFile(TYPES_FILE, await generateTypes());
  console.log(`wrote ${TYPES_FILE}`);
}
