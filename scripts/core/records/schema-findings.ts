import incidentSchema from '../../../schemas/incident.schema.json' with { type: 'json' };
import type { ErrorObject } from 'ajv';
import { findingAtPosition, type Finding } from '../findings.js';
import { toPointer, type Locate, type YamlPath } from './parse-yaml.js';
import { schemaErrors, type SchemaName } from './schemas.js';
import { closestMatch, listOf } from '../suggest.js';
import { describeBadTimestamp } from '../time/timestamps.js';

/** The pattern of a title, one line of plain text (the same in every kind's schema), which gets its own message. */
const ONE_LINE = incidentSchema.properties.title.pattern;

/** Parsed YAML as the schema check needs it. */
export interface SchemaInput {
  path: string;
  data: unknown;
  emptyKeys: ReadonlySet<string>;
  locate: Locate;
}

/** Checks parsed YAML against the named schema and turns each error into a finding at its key. */
export function checkSchema(name: SchemaName, input: SchemaInput): Finding[] {
  return schemaErrors(name, input.data)
    .filter((error) => error.propertyName === undefined) // reported once, by their propertyNames error
    .filter((error) => error.keyword !== 'if') // "must match then": the then's own errors say what is missing
    .map((error) => toFinding(error, input));
}

function toFinding(error: ErrorObject, input: SchemaInput): Finding {
  const path = toYamlPath(error.instancePath, input.data);
  const { yamlPath, at, message } = describe(error, path, input);
  return findingAtPosition(input.path, input.locate(yamlPath, at), `schema/${error.keyword}`, message, 'error', error);
}

/** The message for one Ajv error, and the key it points at. */
function describe(error: ErrorObject, path: YamlPath, input: SchemaInput): { yamlPath: YamlPath; at: 'key' | 'value'; message: string } {
  const field = label(path);
  const value = error.data;
  const schema = (error.parentSchema ?? {}) as { description?: string; examples?: unknown[]; properties?: Record<string, { description?: string }> };
  const params = error.params as Record<string, unknown>;
  const here = { yamlPath: path, at: 'value' as const };
  switch (error.keyword) {
    case 'required': {
      const key = String(params.missingProperty);
      const keyPath = [...path, key];
      const about = schema.properties?.[key]?.description;
      const what = about ? `: ${lowerFirst(about)}` : '';
      if (input.emptyKeys.has(toPointer(keyPath)))
        return { yamlPath: keyPath, at: 'key', message: `Key "${label(keyPath)}" is empty, but it is required${what}` };
      return { yamlPath: path, at: 'key', message: `Missing required key "${label(keyPath)}"${what}` };
    }
    case 'additionalProperties': {
      const key = String(params.additionalProperty);
      const allowed = Object.keys(schema.properties ?? {});
      const guess = closestMatch(key, allowed);
      const hint = guess ? `; did you mean "${guess}"?` : allowed.length > 0 ? `; allowed keys: ${allowed.join(', ')}` : '';
      const where = path.length > 0 ? ` in ${field}` : '';
      return { yamlPath: [...path, key], at: 'key', message: `Unknown key "${key}"${where}${hint}` };
    }
    case 'propertyNames': {
      const key = String(params.propertyName);
      return {
        yamlPath: [...path, key],
        at: 'key',
        message: `Key "${key}" in ${field} is not a valid name: expected lower-case letters, digits and dashes, e.g. london-office`,
      };
    }
    case 'enum': {
      const allowed = (params.allowedValues as unknown[]).map(String);
      const guess = typeof value === 'string' ? closestMatch(value, allowed) : undefined;
      const hint = guess ? ` (did you mean "${guess}"?)` : '';
      return { ...here, message: `${show(value)} is not allowed for ${field}: expected ${listOf(allowed)}${hint}` };
    }
    case 'type': {
      const quote = params.type === 'string' && (typeof value === 'number' || typeof value === 'boolean') ? ` (quote it: "${String(value)}")` : '';
      return { ...here, message: `Expected ${field} to be ${article(String(params.type))}, found ${typeName(value)}${quote}` };
    }
    case 'pattern': {
      if (params.pattern === ONE_LINE) {
        return {
          ...here,
          message: `${field} holds a control character or a direction override (a line break, a tab, an escape sequence): write it as one line of plain text`,
        };
      }
      const example = schema.examples?.[0];
      return {
        ...here,
        message: `${show(value)} is not a valid ${field}${example ? `: expected the form of ${example}` : ''} (pattern ${String(params.pattern)})`,
      };
    }
    case 'format':
      if (params.format === 'date-time') return { ...here, message: `${field} ${show(value)} ${describeBadTimestamp(String(value))}` };
      if (params.format === 'date') return { ...here, message: `${field} ${show(value)} is not a real date: expected YYYY-MM-DD, e.g. 2026-03-15` };
      return { ...here, message: `${field} ${show(value)} is not a valid ${String(params.format)}` };
    case 'minItems':
      return { ...here, message: `${field} needs at least ${String(params.limit)} item${params.limit === 1 ? '' : 's'}` };
    case 'minLength':
      return { ...here, message: `${field} must not be empty` };
    case 'maxLength':
      return { ...here, message: `${field} is longer than ${String(params.limit)} characters` };
    case 'uniqueItems':
      return { yamlPath: [...path, Number(params.i)], at: 'value', message: `${field} lists ${show((value as unknown[])[Number(params.i)])} twice` };
    default:
      return { ...here, message: `${field} ${error.message ?? 'is not valid'}` };
  }
}

/** Ajv's JSON pointer as YAML path steps, with list indexes as numbers. */
function toYamlPath(pointer: string, data: unknown): YamlPath {
  const path: (string | number)[] = [];
  let node = data;
  for (const raw of pointer.split('/').slice(1)) {
    const step = raw.replaceAll('~1', '/').replaceAll('~0', '~');
    const index = Array.isArray(node) ? Number(step) : Number.NaN;
    path.push(Number.isInteger(index) ? index : step);
    node = (node as Record<string, unknown> | undefined)?.[step];
  }
  return path;
}

/** A readable name for a place in the record: `services[0].status`; the whole file is "the frontmatter". */
function label(path: YamlPath): string {
  if (path.length === 0) return 'the frontmatter';
  return path.map((step, index) => (typeof step === 'number' ? `[${step}]` : index === 0 ? step : `.${step}`)).join('');
}

function show(value: unknown): string {
  return JSON.stringify(value) ?? String(value);
}

function typeName(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (value === null || value === undefined) return 'nothing';
  if (typeof value === 'object') return 'a map of keys';
  return `${article(typeof value)} ${show(value)}`;
}

function article(type: string): string {
  const names: Record<string, string> = { object: 'a map of keys', array: 'a list', integer: 'a whole number', boolean: 'true or false' };
  return names[type] ?? (/^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`);
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
