/**
 * Writes a repository of `count` generated, valid incidents (with this repository's config) for
 * scale tests and benchmarks: `node --import ./scripts/ts-node-register.js scripts/dev/generate-records.ts DIR COUNT`.
 */
import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SERVICES = ['checkout-api', 'payment-webhooks', 'web-shop', 'mobile-api', 'search', 'identity', 'notifications', 'reports'];
const LEVELS = ['high', 'medium', 'low'] as const;
const MATRIX: Record<string, Record<string, string>> = {
  high: { high: 'P1', medium: 'P2', low: 'P3' },
  medium: { high: 'P2', medium: 'P3', low: 'P4' },
  low: { high: 'P3', medium: 'P4', low: 'P5' },
};

/** The text of the n-th generated incident: resolved or closed, spread over the years before 2026. */
export function generatedIncident(n: number): string {
  const year = 2026 - Math.floor(n / 10000);
  const id = `INC-${year}-${String(n % 10000).padStart(4, '0')}`;
  const impact = LEVELS[n % 3]!;
  const urgency = LEVELS[Math.floor(n / 3) % 3]!;
  const start = Date.UTC(year, 0, 1) + (n % 10000) * 50 * 60 * 1000;
  const at = (minutes: number) => new Date(start + minutes * 60 * 1000).toISOString().replace('.000Z', 'Z');
  const closed = n % 2 === 0;
  const status = closed ? 'closed' : 'resolved';
  return `---
id: ${id}
title: Generated incident ${n} on ${SERVICES[n % SERVICES.length]}
type: incident
status: ${status}
impact: ${impact}
urgency: ${urgency}
priority: ${MATRIX[impact]![urgency]}
services:
  - id: ${SERVICES[n % SERVICES.length]}
    status: ${['degraded_performance', 'partial_outage', 'major_outage'][n % 3]}
visibility: ${n % 7 === 0 ? 'internal' : 'public'}
started_at: ${at(0)}
detected_at: ${at(2)}
reported_at: ${at(3)}
acknowledged_at: ${at(9)}
mitigated_at: ${at(20)}
resolved_at: ${at(40)}
closed_at: ${closed ? at(45) : ''}
commander: "@alice"
resolution:
  code: fixed
  summary: Generated fix.
updates:
  - at: ${at(9)}
    status: investigating
    message: We are investigating.
  - at: ${at(20)}
    status: monitoring
    message: A fix is in place; we are monitoring.
  - at: ${at(40)}
    status: resolved
    message: Resolved.${closed ? `\n  - at: ${at(45)}\n    status: closed\n    message: Closed.` : ''}
---
Generated notes for incident ${n}.
`;
}

/** Creates `dir` as a repository with this project's config and `count` generated incidents. */
export async function generateRepository(dir: string, count: number): Promise<void> {
  await mkdir(join(dir, 'incidents'), { recursive: true });
  await copyFile(join(ROOT, 'incidents.config.yml'), join(dir, 'incidents.config.yml'));
  for (let n = 0; n < count; n += 500) {
    await Promise.all(
      Array.from({ length: Math.min(500, count - n) }, (_, index) => {
        const text = generatedIncident(n + index);
        return writeFile(join(dir, 'incidents', `${/^id: (\S+)/m.exec(text)![1]}.md`), text);
      }),
    );
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [dir, count = '1000'] = process.argv.slice(2);
  if (!dir) throw new Error('usage: generate-records.ts DIR [COUNT]');
  await generateRepository(dir, Number(count));
}
