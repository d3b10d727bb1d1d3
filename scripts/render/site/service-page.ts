import type { ServiceState, StatusModel } from '../../core/status/status-model.js';
import { toInstant } from '../../core/time/calendar.js';
import { toMillis } from '../../core/time/timestamps.js';
import { formatPercent } from '../format.js';
import { html } from '../html.js';
import { COMPONENT_LABEL, statusBadge } from '../labels.js';
import { incidentCard } from './incident-parts.js';
import { renderPage } from './layout.js';
import { siteLists } from './site-lists.js';
import { uptimeBars, uptimeMethod } from './uptime-bars.js';

/**
 * `services/<id>.html`: one service for the reader who depends on it: its status, its uptime over
 * the last 24 hours, 7, 30 and 90 days, its bars, the public incidents and maintenance that touched
 * it in those 90 days, and how to follow it (its feeds and badge).
 */
export function renderServicePage(model: StatusModel, service: ServiceState): string {
  const zone = model.page.timeZone;
  const now = toMillis(model.at);
  const uptime = model.uptime.find((figures) => figures.service === service.id)!;
  const from = toInstant(zone, uptime.days[0]!.date, 0);
  const { newestFirst, titles } = siteLists(model);
  const touched = newestFirst.filter(
    (incident) =>
      incident.services.some((affected) => affected.id === service.id) &&
      toMillis(incident.startedAt) <= now &&
      (incident.open || toMillis(incident.resolvedAt ?? incident.startedAt) >= from),
  );
  const days = uptime.days.length;
  const main = html`<p><a href="../index.html">Current status</a>${service.group ? ` · ${service.group}` : ''}</p>
<h1>${service.name}</h1>
<p>${statusBadge(service.status, COMPONENT_LABEL[service.status])}</p>
${service.description ? html`<p>${service.description}</p>` : ''}
<section aria-labelledby="uptime"><h2 id="uptime">Uptime</h2>
<table class="figures"><thead><tr>${uptime.periods.map((period) => html`<th scope="col">Last ${period.name}</th>`)}</tr></thead>
<tbody><tr>${uptime.periods.map((period) => html`<td>${formatPercent(period.ratio)}</td>`)}</tr></tbody></table>
${uptimeBars(service.name, uptime, titles, '../')}
<p class="meta">${uptimeMethod()}</p>
</section>
<section aria-labelledby="incidents"><h2 id="incidents">Incidents in the last ${days} days</h2>
${touched.length > 0 ? touched.map((incident) => incidentCard(incident, { base: '../', timeZone: zone, now, updates: false })) : html`<p>None: no public incident or maintenance touched ${service.name} in the last ${days} days.</p>`}
</section>
<section aria-labelledby="follow"><h2 id="follow">Follow ${service.name}</h2>
<ul class="plain">
<li>Its incidents and maintenance in a feed reader: <a href="${service.id}.atom">Atom</a> · <a href="${service.id}.rss">RSS</a></li>
<li>Its status as a badge: <img src="../badges/services/${service.id}.svg" alt="${service.name}: ${COMPONENT_LABEL[service.status]}" height="20"> (<a href="../badges/index.html">how to use badges</a>)</li>
</ul>
</section>`;
  return renderPage(model, { title: `${service.name} · ${model.page.name}`, base: '../', main });
}
