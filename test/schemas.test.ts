import { readFileSync } from 'node:fs';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { SCHEMAS, schemaErrors } from '../scripts/core/records/schemas.js';
import { generateTypes, TYPES_FILE } from '../scripts/dev/generate-types.js';

const schemas = suite('schemas');

/** Every `properties` entry anywhere in a schema, with its path for messages. */
function propertiesOf(node: unknown, path = '#'): { path: string; schema: Record<string, unknown> }[] {
  if (node === null || typeof node !== 'object') return [];
  const found: { path: string; schema: Record<string, unknown> }[] = [];
  for (const [key, value] of Object.entries(node)) {
    if (key === 'properties' && value && typeof value === 'object') {
      for (const [name, schema] of Object.entries(value)) found.push({ path: `${path}/properties/${name}`, schema: schema as Record<string, unknown> });
    }
    found.push(...propertiesOf(value, `${path}/${key}`));
  }
  return found;
}

for (const [name, schema] of Object.entries(SCHEMAS)) {
  schemas(`${name}: draft 2020-12 with an $id`, () => {
    assert.is(schema.$schema, 'https://json-schema.org/draft/2020-12/schema');
    assert.match(schema.$id, /^https:\/\/.+\.schema\.json$/);
  });
  if (name === 'common') continue;
  schemas(`${name}: every property has a description`, () => {
    const properties = propertiesOf(schema);
    assert.ok(properties.length > 3);
    const undescribed = properties.filter(({ schema }) => typeof schema.description !== 'string' || schema.description.length < 5).map(({ path }) => path);
    assert.equal(undescribed, []);
  });
}

schemas('the TypeScript types are what the schemas generate (run `npm run types` after changing a schema)', async () => {
  assert.fixture(readFileSync(TYPES_FILE, 'utf8'), await generateTypes());
});

schemas('a null left by an empty key is refused: the loader drops empty keys before validating', () => {
  assert.ok(schemaErrors('incident', { mitigated_at: null }).some((error) => error.instancePath === '/mitigated_at'));
});

schemas.run();
