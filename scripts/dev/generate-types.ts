/**
 * Generates scripts/core/records/schema-types.ts from schemas/*.schema.json, so that the TypeScript types
 * and the JSON Schemas cannot drift apart: `npm run types` writes it, and a test fails when the
 * committed file differs from what the schemas give.
 */
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { compile, type JSONSchema } from 'json-schema-to-typescript';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const TYPES_FILE = `${ROOT}scripts/core/records/schema-types.ts`;

const BANNER = `/* Generated from schemas/*.schema.json by \`npm run types\`: do not edit by hand. */`;

/** The TypeScript source the schemas give. */
export async function generateTypes(): Promise<string> {
  const all: JSONSchema = {
    title: 'Schemas',
    type: 'object',
    additionalProperties: false,
    properties: {
      incident: { $ref: 'incident.schema.json' },
      postmortem: { $ref: 'postmortem.schema.json' },
      known_error: { $ref: 'known-error.schema.json' },
      config: { $ref: 'config.schema.json' },
    },
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
