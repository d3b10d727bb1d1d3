import type { PublicIncident, StatusModel } from '../../core/status/status-model.js';
import { toMillis } from '../../core/time/timestamps.js';
import { formatDateTime, formatLength } from '../format.js';
import { html } from '../html.js';
import { affectedServices, incidentStatus, internalTag, updateList } from './incident-parts.js';
import { renderPage } from './layout.js';
import { renderMarkdown } from '../markdown.js';

/** `incidents/<id>.html`: one public incident or maintenance, with its whole public timeline. */
export function renderIncidentPage(model: StatusModel, incident: PublicIncident): string {
  const zone = model.page.timeZone;
  const at = (time: string) => html`<time datetime="${time}">${formatDateTime(time, zone)}</time>`;
  const end = incident.resolvedAt ? toMillis(incident.resolvedAt) : toMillis(model.at);
  const maintenance = incident.type === 'maintenance';
  const main = html`<p><a href="../index.html">Current status</a> · <a href="../history/${incident.month}.html">More incidents from this month</a></p>
<article>
<h1>${incident.title}${internalTag(incident)}</h1>
<p>${incidentStatus(incident)}</p>
<dl class="facts">
<dt>Affected</dt><dd>${affectedServices(incident)}</dd>
${incident.roles?.commander ? html`<dt>Commander</dt><dd>${incident.roles.commander}</dd>` : ''}
${incident.roles?.communications ? html`<dt>Communications</dt><dd>${incident.roles.communications}</dd>` : ''}
${maintenance && incident.scheduledFor && incident.scheduledUntil ? html`<dt>Scheduled</dt><dd>${at(incident.scheduledFor)} to ${at(incident.scheduledUntil)}</dd>` : ''}
${maintenance ? '' : html`<dt>Started</dt><dd>${at(incident.startedAt)}</dd>`}
${incident.resolvedAt ? html`<dt>${maintenance ? 'Completed' : 'Resolved'}</dt><dd>${at(incident.resolvedAt)}</dd>` : ''}
${maintenance ? '' : html`<dt>Duration</dt><dd>${formatLength(end - toMillis(incident.startedAt))}${incident.resolvedAt ? '' : ' so far'}</dd>`}
</dl>
${incident.postmortemSummary !== undefined ? html`<section aria-labelledby="postmortem"><h2 id="postmortem">Postmortem summary</h2>${renderMarkdown(incident.postmortemSummary)}</section>` : ''}
<section aria-labelledby="updates"><h2 id="updates">Updates</h2>${incident.updates.length > 0 ? updateList(incident, zone) : html`<p>No updates yet.</p>`}</section>
</article>`;
  return renderPage(model, { title: `${incident.title} · ${model.page.name}`, base: '../', main });
}
