import { MENTION, MENTION_BROKEN } from './plain-tables.js';
import type { ComponentStatus } from '../core/status/component-status.js';
import { publishesNothing, type Publishes, type PublishedUpdate } from '../core/status/publishes.js';
import { formatDateTime } from './format.js';
import { COMPONENT_LABEL, STATUS_LABEL } from './labels.js';
import { renderMarkdown, renderMarkdownText } from './markdown.js';

/** What a pull request publishes, and the page's time zone to show its times in; null when the head has errors and cannot be built. */
export type PublishesPreview = { publishes: Publishes; timeZone: string } | null;

/**
 * `publishes` in check-pr's JSON (docs/reference.md, JSON shapes): snake_case keys as in the
 * other documents, and each update's message as the page shows it: `html` from the page's own
 * renderer (sanitized), `message` its text as the Statuspage API gives it. What renders to nothing
 * (HTML comments, raw HTML, unused link definitions) is in neither. Null when the head has errors.
 */
export function publishesJson(preview: PublishesPreview): unknown {
  if (!preview) return null;
  const { incidents, updates, components, maintenances } = preview.publishes;
  return {
    incidents: incidents.map(({ id, title, status, impact, startedAt, services }) => ({ id, title, status, impact, started_at: startedAt, services })),
    updates: updates.map(({ incident, title, at, status, message, components: changes }) => ({
      incident,
      title,
      at,
      status,
      message: renderMarkdownText(message),
      html: renderMarkdown(message).toString(),
      components: changes.map(({ id, name, from, to }) => ({ id, name, from, to })),
    })),
    components,
    maintenances: maintenances.map(({ id, title, status, change, scheduledFor, scheduledUntil, services }) => ({
      id,
      title,
      status,
      change,
      scheduled_for: scheduledFor ?? null,
      scheduled_until: scheduledUntil ?? null,
      services,
    })),
  };
}

/**
 * The gate comment's "What this publishes" section, in GitHub Markdown. Everything in it comes
 * from the pull request, so it shows as text: each message is the text the page shows (read from
 * the same sanitized Markdown, so raw HTML, images and comments are gone, a link reads as its text
 * and address), every mark of Markdown is escaped and `@handles` cannot mention anyone.
 */
export function formatPublishes(preview: PublishesPreview): string {
  const title = '### What this publishes';
  if (!preview) return `${title}\n\nNot shown while the records have errors: fix them, and the next run shows what merging would publish.\n`;
  const { publishes, timeZone } = preview;
  if (publishesNothing(publishes)) return `${title}\n\nNothing public changes: merging this shows the public nothing new.\n`;
  const parts = [title, '', 'Merging this shows the public:'];
  const when = (timestamp: string) => formatDateTime(timestamp, timeZone);
  if (publishes.incidents.length > 0) {
    parts.push('', '**New incidents**', '');
    for (const incident of publishes.incidents)
      parts.push(
        `- ${plain(incident.title)} (${plain(incident.id)}): ${STATUS_LABEL[incident.status].toLowerCase()}, since ${when(incident.startedAt)}${incident.services.map((service) => `; ${plain(service.name)}: ${state(service.status)}`).join('')}`,
      );
  }
  if (publishes.updates.length > 0) {
    parts.push('', '**New updates**, as they will read');
    for (const update of publishes.updates) parts.push('', ...formatUpdate(update, when));
  }
  if (publishes.components.length > 0) {
    parts.push('', '**Services**', '');
    for (const change of publishes.components)
      parts.push(`- ${plain(change.name)}: ${change.from ? state(change.from) : 'new on the page'} → ${state(change.to)}`);
  }
  if (publishes.maintenances.length > 0) {
    parts.push('', '**Maintenances**', '');
    for (const maintenance of publishes.maintenances) {
      const window = maintenance.scheduledFor && maintenance.scheduledUntil ? `, ${when(maintenance.scheduledFor)} to ${when(maintenance.scheduledUntil)}` : '';
      const services = maintenance.services.length > 0 ? `; ${maintenance.services.map((service) => plain(service.name)).join(', ')}` : '';
      const change = maintenance.change === 'new' ? 'new' : 'changed';
      parts.push(`- ${plain(maintenance.title)} (${plain(maintenance.id)}, ${change}): ${STATUS_LABEL[maintenance.status].toLowerCase()}${window}${services}`);
    }
  }
  return `${parts.join('\n')}\n`;
}

/** One update as the page will read it: whose, when and its status, the message quoted, and the state changes it records. */
function formatUpdate(update: PublishedUpdate, when: (timestamp: string) => string): string[] {
  const lines = [`${plain(update.title)} (${plain(update.incident)}) · **${STATUS_LABEL[update.status]}** · ${when(update.at)}`, ''];
  lines.push(...quote(renderMarkdownText(update.message)));
  if (update.components.length > 0) {
    lines.push('', `Shown with it: ${update.components.map((change) => `${plain(change.name)}: ${state(change.from)} → ${state(change.to)}`).join('; ')}`);
  }
  return lines;
}

/** Plain text as a Markdown block quote: each line shown as text, line breaks kept (a backslash at a line's end breaks it). */
function quote(text: string): string[] {
  const lines = text.split('\n');
  if (lines.every((line) => line.trim() === '')) return ['> (no text)'];
  return lines.map((line, index) => {
    if (line.trim() === '') return '>';
    const next = lines[index + 1];
    return `> ${plain(line)}${next !== undefined && next.trim() !== '' ? '\\' : ''}`;
  });
}

function state(status: ComponentStatus): string {
  return COMPONENT_LABEL[status].toLowerCase();
}

/**
 * Text that GitHub Markdown shows as the text itself, whoever wrote it: every ASCII punctuation
 * mark backslash-escaped (so no emphasis, link, image, HTML, heading, list, table or code starts),
 * leading spaces dropped (no code block), and a word joiner after each `@` that starts a handle,
 * so `@someone` or `@org/team` reads the same but notifies nobody.
 */
export function plain(text: string): string {
  return text
    .replace(/\r\n?|\n/g, ' ')
    .trimStart()
    .replace(/[!-/:-@[-`{-~]/g, '\\$&')
    .replace(MENTION, MENTION_BROKEN);
}
