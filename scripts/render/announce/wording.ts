import type { PublicEvent } from '../../core/announce/events.js';
import type { StatusModel } from '../../core/status/status-model.js';
import { formatDateTime } from '../format.js';
import { COMPONENT_LABEL, STATUS_LABEL } from '../labels.js';
import { renderMarkdownText } from '../markdown.js';

/**
 * What every channel says about an event, in words: a headline, the lines under it, the message
 * (plain text of the page's sanitized Markdown) and the link to its page. The channels dress the
 * same words in their own formats, so no channel can say more than the page.
 */
export interface Wording {
  headline: string;
  /** Short facts: status, services, times. */
  facts: [string, string][];
  /** The update's message, or a postmortem's Summary, as plain text ('' when there is none). */
  text: string;
  /** The Markdown the text came from, for a channel that renders HTML (email). */
  markdown: string;
  /** The page of the incident or maintenance. */
  link: string;
}

/** The link to an incident's or maintenance's page on the status site. */
export function incidentLink(model: Pick<StatusModel, 'page'>, id: string): string {
  return `${model.page.url}/incidents/${id}.html`;
}

/** The words of an event, with times in the page's zone. */
export function wordingOf(model: Pick<StatusModel, 'page'>, event: PublicEvent): Wording {
  const { incident, update } = event;
  const zone = model.page.timeZone;
  const when = (at: string) => formatDateTime(at, zone);
  const services = incident.services.map((service) => service.name).join(', ');
  const window: [string, string][] = incident.scheduledFor
    ? [['Window', `${when(incident.scheduledFor)} to ${incident.scheduledUntil ? when(incident.scheduledUntil) : 'unknown'}`]]
    : [];
  const markdown = event.type === 'postmortem_published' ? (incident.postmortemSummary ?? '') : (update?.message ?? '');
  const headline = HEADLINE[event.type](incident.title, event);
  const facts: [string, string][] =
    event.type === 'component_changed' && event.component
      ? [
          ['Service', event.component.name],
          ['Status', `${COMPONENT_LABEL[event.component.to]} (was ${COMPONENT_LABEL[event.component.from]})`],
          ['Incident', incident.title],
        ]
      : [['Status', STATUS_LABEL[update?.status ?? incident.status]], ...(services ? [['Affected', services] as [string, string]] : []), ...window];
  facts.push(['Time', when(event.at)]);
  return { headline, facts, text: markdown ? renderMarkdownText(markdown) : '', markdown, link: incidentLink(model, incident.id) };
}

const HEADLINE: Readonly<Record<PublicEvent['type'], (title: string, event: PublicEvent) => string>> = {
  incident_created: (title) => `New incident: ${title}`,
  incident_updated: (title, event) => `${STATUS_LABEL[event.update?.status ?? event.incident.status]}: ${title}`,
  component_changed: (_title, event) => `${event.component!.name}: ${COMPONENT_LABEL[event.component!.to]}`,
  maintenance_scheduled: (title) => `Maintenance scheduled: ${title}`,
  maintenance_reminder: (title) => `Maintenance starts soon: ${title}`,
  maintenance_started: (title) => `Maintenance started: ${title}`,
  maintenance_completed: (title) => `Maintenance completed: ${title}`,
  postmortem_published: (title) => `Postmortem published: ${title}`,
};

/** Text cut to at most `max` characters, with an ellipsis when cut. */
export function truncate(text: string, max: number): string {
  const characters = [...text];
  return characters.length <= max ? text : `${characters.slice(0, max - 1).join('')}…`;
}
