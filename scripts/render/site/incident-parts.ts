import type { ComponentStatus } from '../../core/status/component-status.js';
import type { PublicIncident, PublicUpdate } from '../../core/status/status-model.js';
import { toMillis } from '../../core/time/timestamps.js';
import { formatDateTime, formatLength } from '../format.js';
import { html, type Html } from '../html.js';
import { COMPONENT_LABEL, INDICATOR_LOOK, STATUS_LABEL, statusBadge } from '../labels.js';
import { renderMarkdown } from '../markdown.js';

/** The look of an incident's status: its impact while open, operational once over, maintenance while planned. */
function lookOf(incident: PublicIncident): ComponentStatus {
  if (!incident.open) return 'operational';
  if (incident.type === 'maintenance') return 'under_maintenance';
  return incident.impact === 'none' ? 'degraded_performance' : INDICATOR_LOOK[incident.impact];
}

/** The incident's status as an icon and a label. */
export function incidentStatus(incident: PublicIncident): Html {
  return statusBadge(lookOf(incident), STATUS_LABEL[incident.status]);
}

/** `Checkout API (partial outage), Web shop (degraded performance)`. */
export function affectedServices(incident: PublicIncident): string {
  return incident.services.map((service) => `${service.name} (${COMPONENT_LABEL[service.status].toLowerCase()})`).join(', ');
}

/** When it happened, for people: a maintenance's window; an incident's start, end and length. */
export function incidentTimes(incident: PublicIncident, timeZone: string, now: number): Html {
  const at = (time: string) => html`<time datetime="${time}">${formatDateTime(time, timeZone)}</time>`;
  if (incident.type === 'maintenance' && incident.scheduledFor && incident.scheduledUntil) {
    return html`Scheduled ${at(incident.scheduledFor)} to ${at(incident.scheduledUntil)}`;
  }
  const start = toMillis(incident.startedAt);
  if (incident.resolvedAt) return html`${at(incident.startedAt)} to ${at(incident.resolvedAt)} (${formatLength(toMillis(incident.resolvedAt) - start)})`;
  return html`Since ${at(incident.startedAt)} (${formatLength(now - start)} so far)`;
}

/** The public updates, newest first, each with its status and time. */
export function updateList(incident: PublicIncident, timeZone: string): Html {
  const updates = [...incident.updates].reverse();
  if (updates.length === 0) return html``;
  return html`<ol class="updates" reversed>${updates.map(
    (update) =>
      html`<li><strong>${STATUS_LABEL[update.status]}</strong> · <time datetime="${update.at}">${formatDateTime(update.at, timeZone)}</time>${renderMarkdown(update.message)}${componentChanges(update)}</li>`,
  )}</ol>`;
}

/** What an update changed: `API: major outage → operational`. */
function componentChanges(update: PublicUpdate): Html | string {
  if (!update.components?.length) return '';
  const changes = update.components.map((change) => `${change.name}: ${COMPONENT_LABEL[change.from].toLowerCase()} → ${COMPONENT_LABEL[change.to].toLowerCase()}`);
  return html`<p class="meta">${changes.join('; ')}</p>`;
}

/** `Internal`, after the title of an internal record on the internal audience's site. */
export function internalTag(incident: PublicIncident): Html | string {
  return incident.internal ? html`<span class="tag">Internal</span>` : '';
}

/** `Commander: @alice · Communications: @bob`, or '' when neither is set. */
export function roleLine(roles: NonNullable<PublicIncident['roles']>): string {
  return [roles.commander && `Commander: ${roles.commander}`, roles.communications && `Communications: ${roles.communications}`].filter(Boolean).join(' · ');
}

/** An incident as a card: title (a link to its page), status, services, times and updates. */
export function incidentCard(incident: PublicIncident, { base, timeZone, now, level = 3, updates = true }: { base: string; timeZone: string; now: number; level?: 2 | 3; updates?: boolean }): Html {
  const title = html`<a href="${base}incidents/${incident.id}.html">${incident.title}</a>${internalTag(incident)}`;
  return html`<article class="card">
<header>${level === 2 ? html`<h2>${title}</h2>` : html`<h3>${title}</h3>`}${incidentStatus(incident)}</header>
<p class="meta">${incidentTimes(incident, timeZone, now)}</p>
<p class="meta">Affected: ${affectedServices(incident)}</p>
${incident.roles && roleLine(incident.roles) ? html`<p class="meta">${roleLine(incident.roles)}</p>` : ''}
${updates ? updateList(incident, timeZone) : incident.updates.length > 0 ? html`<p class="meta">Latest: ${STATUS_LABEL[incident.updates.at(-1)!.status]} at ${formatDateTime(incident.updates.at(-1)!.at, timeZone)}</p>` : ''}
</article>`;
}
