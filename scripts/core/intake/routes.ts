import { RE2JS } from 're2js';
import type { Config } from '../records/types.js';

export type IntakeConfig = NonNullable<Config['intake']>;
export type IntakeRoute = IntakeConfig['routes'] extends readonly (infer R)[] | undefined ? R : never;

/** RE2 instructions a route's /regex/ may compile to, as known errors' patterns are bounded. */
export const ROUTE_PROGRAM_SIZE = 250;

/** A route's value: an exact string, or `/…/` for a regular expression over the whole value. */
export function isRegexValue(value: string): boolean {
  return value.length >= 2 && value.startsWith('/') && value.endsWith('/');
}

/**
 * Compiles a route's `/regex/` with RE2 (linear time, no backtracking), anchored to the whole
 * label value; a pattern RE2 refuses, or larger than ROUTE_PROGRAM_SIZE, says why instead.
 */
export function compileRouteValue(value: string): { ok: true; test: (text: string) => boolean } | { ok: false; message: string } {
  let compiled;
  try {
    compiled = RE2JS.compile(`^(?:${value.slice(1, -1)})$`);
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
  if (compiled.programSize() > ROUTE_PROGRAM_SIZE)
    return { ok: false, message: `it compiles to ${compiled.programSize()} RE2 instructions, more than ${ROUTE_PROGRAM_SIZE}` };
  return { ok: true, test: (text) => compiled.matcher(text).matches() };
}

/**
 * A matcher over the config's routes, first match wins: every label a route's `match` names must
 * have the exact value, or match the /regex/ (a label the alert lacks is the empty string). A route
 * whose pattern does not compile matches nothing (the config's own check reports it).
 */
export function routeMatcher(intake: IntakeConfig | undefined): (labels: Readonly<Record<string, string>>) => IntakeRoute | undefined {
  const compiled = new Map<string, (text: string) => boolean>();
  const testOf = (value: string) => {
    let test = compiled.get(value);
    if (!test) {
      const result = isRegexValue(value) ? compileRouteValue(value) : { ok: true as const, test: (text: string) => text === value };
      test = result.ok ? result.test : () => false;
      compiled.set(value, test);
    }
    return test;
  };
  const routes = intake?.routes ?? [];
  return (labels) =>
    routes.find((route) => Object.entries(route.match).every(([name, value]) => testOf(value)((Object.hasOwn(labels, name) ? labels[name] : '') ?? '')));
}
