import { RE2JS } from 're2js';
import type { Incident, KnownError } from '../records/types.js';

/**
 * Compiles a known error's pattern, case-insensitive, with RE2: matching takes time linear in the
 * text, so no pattern (`(a+)+$` included) can hang the gate. RE2 has no backreferences or
 * lookaround; such a pattern is refused with RE2's message.
 */
export function compilePattern(pattern: string): { ok: true; test: (text: string) => boolean } | { ok: false; message: string } {
  try {
    const compiled = RE2JS.compile(pattern, RE2JS.CASE_INSENSITIVE);
    return { ok: true, test: (text) => compiled.matcher(text).find() };
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
}

/** What a known error's `match` found in an incident: the pattern and the text it matched. */
export interface KnownErrorMatch {
  knownError: KnownError;
  pattern: string;
  text: string;
}

/**
 * The active known errors an incident looks like: it affects one of the services the known error's
 * `match` names (default: the known error's services), and one of its patterns matches the title or
 * the first update's message.
 */
export function matchKnownErrors(incident: Incident, knownErrors: readonly KnownError[]): KnownErrorMatch[] {
  const texts = [incident.title, incident.updates[0]?.message].filter((text) => text !== undefined);
  const services = new Set(incident.services.map((service) => service.id));
  return knownErrors.flatMap((knownError) => {
    if (knownError.status !== 'active' || !knownError.match) return [];
    if (!(knownError.match.services ?? knownError.services).some((id) => services.has(id))) return [];
    for (const pattern of knownError.match.patterns) {
      const compiled = compilePattern(pattern);
      const text = compiled.ok ? texts.find(compiled.test) : undefined;
      if (text !== undefined) return [{ knownError, pattern, text }];
    }
    return [];
  });
}
