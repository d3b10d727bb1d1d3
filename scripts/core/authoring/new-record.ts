import { flowList, yamlScalar } from './edit-frontmatter.js';
import type { Config, Incident } from '../records/types.js';

/** What `incidents new` was asked to write. */
export interface NewRecord {
  type: Incident['type'];
  title: string;
  impact: Incident['impact'];
  urgency: Incident['urgency'];
  /** Affected services and their public state (default: degraded_performance, or under_maintenance for a maintenance). */
  services: readonly { id: string; status?: string }[];
  visibility: Incident['visibility'];
  /** When it was reported: reported_at and the first update's time. */
  at: string;
  /** The first update's public message. */
  message?: string;
  /** A maintenance's window. */
  scheduledFor?: string;
  scheduledUntil?: string;
  /** When the impact began and when it was noticed, for MTTD. */
  startedAt?: string;
  detectedAt?: string;
  /** GitHub handles of the incident commander and of who writes the updates. */
  commander?: string;
  communications?: string;
  /** Who reported it (a GitHub handle), as intake sets from an issue form. */
  reporter?: string;
  /** The Markdown body, internal working notes (default: a line saying so). */
  notes?: string;
}

/**
 * The text of a new record in its initial state: an incident is `reported` (the SLA clocks start
 * at reported_at), a maintenance `scheduled` with its window; the priority comes from the config's
 * matrix, and the first update says what is known.
 */
export function newRecordText(id: string, record: NewRecord, config: Config): string {
  const maintenance = record.type === 'maintenance';
  const status = maintenance ? 'scheduled' : 'reported';
  const serviceStatus = maintenance ? 'under_maintenance' : 'degraded_performance';
  const message = record.message ?? (maintenance ? `Planned maintenance: ${record.title}.` : `We are looking into this: ${record.title}.`);
  const lines = [
    '---',
    `id: ${id}`,
    `title: ${yamlScalar(record.title)}`,
    `type: ${record.type}`,
    `status: ${status}`,
    `impact: ${record.impact}`,
    `urgency: ${record.urgency}`,
    `priority: ${config.priority_matrix[record.impact][record.urgency]}`,
    'services:',
    ...record.services.flatMap((service) => [`  - id: ${yamlScalar(service.id)}`, `    status: ${yamlScalar(service.status ?? serviceStatus)}`]),
    `visibility: ${record.visibility}`,
    ...(record.startedAt ? [`started_at: ${record.startedAt}`] : []),
    ...(record.detectedAt ? [`detected_at: ${record.detectedAt}`] : []),
    `reported_at: ${record.at}`,
    ...(record.commander ? [`commander: ${yamlScalar(record.commander)}`] : []),
    ...(record.communications ? [`communications: ${yamlScalar(record.communications)}`] : []),
    ...(record.reporter ? [`reporter: ${yamlScalar(record.reporter)}`] : []),
    ...(maintenance ? [`scheduled_for: ${yamlScalar(record.scheduledFor ?? '')}`, `scheduled_until: ${yamlScalar(record.scheduledUntil ?? '')}`] : []),
    'updates:',
    `  - at: ${record.at}`,
    `    status: ${status}`,
    `    message: ${yamlScalar(message)}`,
    `    services: ${
      flowList(
        record.services.map((service) => [
          ['id', service.id],
          ['status', service.status ?? serviceStatus],
        ]),
      ).flow
    }`,
    '---',
    record.notes ?? 'Working notes (internal, never published).',
    '',
  ];
  return lines.join('\n');
}
