import { yamlScalar } from '../authoring/edit-frontmatter.js';
import type { Incident } from '../records/types.js';

export type RecordedAlert = NonNullable<Incident['alerts']>[number];

/** The lines of an incident's `alerts` list, one block map per alert, its labels on one `{…}` line. */
export function alertsBlock(alerts: readonly RecordedAlert[]): string[] {
  return alerts.flatMap((alert) => {
    const entries: [string, string | undefined][] = [
      ['source', alert.source],
      ['key', alert.key],
      ['id', alert.id],
      ['status', alert.status],
      ['starts_at', alert.starts_at],
      ['ends_at', alert.ends_at],
      ['url', alert.url],
      ['summary', alert.summary],
    ];
    const lines = entries.filter(([, value]) => value !== undefined).map(([key, value]) => `${key}: ${yamlScalar(value!)}`);
    const labels = Object.entries(alert.labels ?? {});
    if (labels.length > 0) lines.push(`labels: {${labels.map(([name, value]) => `${yamlScalar(name, true)}: ${yamlScalar(value, true)}`).join(', ')}}`);
    return lines.map((line, index) => `${index === 0 ? '  - ' : '    '}${line}`);
  });
}
