import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

/**
 * GitHub's published OpenAPI description of its REST API (@octokit/openapi): the fake GitHub
 * builds its responses from the description's examples and checks each one against the schema of
 * the operation, so the fake cannot drift from the real API.
 */
interface Spec {
  paths: Record<
    string,
    Record<
      string,
      { responses: Record<string, { content?: Record<string, { schema: unknown }> }>; requestBody?: { content?: Record<string, { schema: unknown }> } }
    >
  >;
  components: {
    schemas: Record<string, unknown>;
    examples: Record<string, { value: unknown }>;
    responses: Record<string, { content?: Record<string, { schema: unknown }> }>;
  };
}

const spec = JSON.parse(readFileSync(createRequire(import.meta.url).resolve('@octokit/openapi/generated/api.github.com.json'), 'utf8')) as Spec;

/** OpenAPI 3.0 → JSON Schema: `nullable: true` becomes "or null", and refs point into the one document. */
function toJsonSchema(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(toJsonSchema);
  if (typeof value !== 'object' || value === null) return value;
  const { nullable, ...rest } = value as Record<string, unknown>;
  const converted = Object.fromEntries(
    Object.entries(rest).map(([key, child]) => [key, key === '$ref' && typeof child === 'string' ? child.replace(/^#/, 'github#') : toJsonSchema(child)]),
  );
  return nullable === true ? { anyOf: [converted, { type: 'null' }] } : converted;
}

const ajv = new Ajv({ strict: false, allErrors: true, logger: false });
addFormats.default(ajv);
ajv.addSchema({ $id: 'github', components: { schemas: toJsonSchema(spec.components.schemas) } });
const validators = new Map<string, ValidateFunction>();

/** A deep copy of one of the description's named examples (`pull-request`, `issue-comment`, …). */
export function exampleOf<T = Record<string, unknown>>(name: string): T {
  const example = spec.components.examples[name];
  if (!example) throw new Error(`GitHub's OpenAPI description has no example "${name}"`);
  return structuredClone(example.value) as T;
}

/**
 * What is wrong with a response body for an operation, by GitHub's description: an empty list when
 * it matches. `path` is the description's template, e.g. `/repos/{owner}/{repo}/pulls/{pull_number}`.
 */
export function checkResponse(path: string, method: string, status: number, body: unknown): string[] {
  const key = `${method} ${path} ${status}`;
  let validate = validators.get(key);
  if (!validate) {
    const response = spec.paths[path]?.[method]?.responses[String(status)] as { content?: Record<string, { schema: unknown }>; $ref?: string } | undefined;
    // A shared response (`validation_failed`) is a ref into the components.
    const shared = response?.$ref ? spec.components.responses[response.$ref.replace('#/components/responses/', '')] : response;
    const schema = shared?.content?.['application/json']?.schema;
    if (!schema) return [`GitHub's API has no ${key} response with a JSON body`];
    validate = ajv.compile(toJsonSchema(schema) as object);
    validators.set(key, validate);
  }
  return validate(body) ? [] : (validate.errors ?? []).map((error) => `${key}: ${error.instancePath || '/'} ${error.message ?? ''}`);
}

const requestValidators = new Map<string, ValidateFunction>();

/** What is wrong with a request body for an operation, by GitHub's description: an empty list when it matches. */
export function checkRequest(path: string, method: string, body: unknown): string[] {
  const key = `${method} ${path} request`;
  let validate = requestValidators.get(key);
  if (!validate) {
    const schema = spec.paths[path]?.[method]?.requestBody?.content?.['application/json']?.schema;
    if (!schema) return [`GitHub's API has no ${method} ${path} with a JSON request body`];
    validate = ajv.compile(toJsonSchema(schema) as object);
    requestValidators.set(key, validate);
  }
  return validate(body) ? [] : (validate.errors ?? []).map((error) => `${key}: ${error.instancePath || '/'} ${error.message ?? ''}`);
}
