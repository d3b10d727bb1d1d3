import { INDICATOR_ORDER, isActive, type StatusModel } from '../../core/status/status-model.js';
import { toMillis } from '../../core/time/timestamps.js';
import { UPTIME_DAYS } from '../../core/status/uptime.js';
import { formatDate, formatDateTime } from '../format.js';
import { html, type Html } from '../html.js';
import { incidentCard } from './incident-parts.js';
import { COMPONENT_LABEL, INDICATOR_LOOK, statusBadge, statusIcon } from '../labels.js';
import { renderPage } from './layout.js';
import { siteLists } from './site-lists.js';
import { renderMarkdown } from '../markdown.js';
import { uptimeBars, uptimeMethod } from './uptime-bars.js';

/** Past incidents shown on the front page: those that started in the last this many days. */
const RECENT_DAYS = 14;

/**
 * `index.html`: the overall status first, then what is broken now with its updates, maintenance,
 * every service with its status and uptime, known issues with their workarounds, and recent history.
 */
export function renderIndexPage(model: StatusModel): string {
  const now = toMillis(model.at);
  const zone = model.page.timeZone;
  // Worst first; the model's order (newest first) breaks ties.
  const openIncidents = model.incidents.filter((incident) => incident.open).sort((a, b) => INDICATOR_ORDER.indexOf(b.impact) - INDICATOR_ORDER.indexOf(a.impact));
  const activeMaintenance = model.maintenances.filter(isActive);
  const upcoming = model.maintenances.filter((maintenance) => maintenance.status === 'scheduled').reverse();
  const recent = [...model.incidents, ...model.maintenances]
    .filter((incident) => !incident.open && now - toMillis(incident.startedAt) <= RECENT_DAYS * 86_400_000)
    .sort((a, b) => toMillis(b.startedAt) - toMillis(a.startedAt));
  const look = INDICATOR_LOOK[model.indicator];
  const impaired = model.services.filter((service) => service.status !== 'operational');
  const card = (incident: (typeof model.incidents)[number]) => incidentCard(incident, { base: '', timeZone: zone, now });

  const main = html`<section class="overall s-${look}" aria-labelledby="overall">${statusIcon(look)}<div>
<h1 id="overall">${model.description}</h1>
<p>${summaryLine(model)} Last updated <time datetime="${model.updatedAt}">${formatDateTime(model.updatedAt, zone)}</time>.</p>
${impaired.length > 0 ? html`<ul class="impaired">${impaired.map((service) => html`<li>${service.name}: ${COMPONENT_LABEL[service.status].toLowerCase()}</li>`)}</ul>` : ''}
</div></section>
${openIncidents.length > 0 ? html`<section aria-labelledby="open"><h2 id="open">Open incidents</h2>${openIncidents.map(card)}</section>` : ''}
${activeMaintenance.length + upcoming.length > 0 ? html`<section aria-labelledby="maintenance"><h2 id="maintenance">Maintenance</h2>${[...activeMaintenance, ...upcoming].map(card)}</section>` : ''}
<section aria-labelledby="services"><h2 id="services">Services</h2>
${serviceLists(model)}
<p class="meta">Uptime over the last ${UPTIME_DAYS} days. ${uptimeMethod()}</p>
</section>
${model.knownIssues.length > 0 ? html`<section aria-labelledby="known"><h2 id="known">Known issues</h2>${model.knownIssues.map(
    (issue) => html`<article class="card"><h3>${issue.title}</h3><p class="meta">Affects ${issue.services.map((service) => service.name).join(', ')} · known since ${formatDate(issue.since.slice(0, 10))}</p><p><strong>Workaround:</strong></p>${renderMarkdown(issue.workaround)}</article>`,
  )}</section>` : ''}
<section aria-labelledby="recent"><h2 id="recent">Past incidents</h2>
${recent.length > 0 ? recent.map((incident) => incidentCard(incident, { base: '', timeZone: zone, now, updates: false })) : html`<p>${openIncidents.length > 0 ? `No incidents ended in the last ${RECENT_DAYS} days; the open ones are above.` : `No incidents in the last ${RECENT_DAYS} days.`}</p>`}
<p><a href="history/index.html">All incidents, by month</a></p>
</section>
${subscribe(model)}`;
  return renderPage(model, { title: `${model.page.name}: ${model.description}`, base: '', main });
}

/** Where to follow the page without visiting it: the feeds, per service too, and the maintenance calendar. */
function subscribe(model: StatusModel): Html {
  return html`<section aria-labelledby="subscribe"><h2 id="subscribe">Subscribe</h2>
<ul class="plain">
<li>Every incident and maintenance in a feed reader: <a href="history.atom">Atom</a> · <a href="history.rss">RSS</a></li>
<li>Planned maintenance in your calendar: <a href="maintenance.ics">iCalendar</a></li>
${model.subscriptions.map((subscription) => html`<li>${CHANNEL_LABEL[subscription.type]}: <a href="${subscription.url}" rel="noopener">${subscription.name}</a></li>`)}
</ul>
<details><summary>Feeds for one service</summary><ul class="plain">${model.services.map(
    (service) => html`<li>${service.name}: <a href="services/${service.id}.atom">Atom</a> · <a href="services/${service.id}.rss">RSS</a></li>`,
  )}</ul></details>
</section>`;
}

/** How the Subscribe section introduces each kind of public channel. */
const CHANNEL_LABEL: Readonly<Record<StatusModel['subscriptions'][number]['type'], string>> = {
  slack: 'Announcements in Slack',
  teams: 'Announcements in Microsoft Teams',
  webhook: 'Announcements by webhook (Statuspage format)',
  email: 'Announcements by email',
};

/** `2 incidents open; 1 maintenance in progress.`, or that everything works. */
function summaryLine(model: StatusModel): string {
  const open = model.incidents.filter((incident) => incident.open).length;
  const active = model.maintenances.filter(isActive).length;
  const parts = [open > 0 && `${open} open incident${open === 1 ? '' : 's'}`, active > 0 && `${active} maintenance${active === 1 ? '' : 's'} in progress`].filter(Boolean);
  return parts.length > 0 ? `${parts.join('; ')}.` : 'Every service is working normally.';
}

/** The services, by group in the config's order (ungrouped first), with status and uptime bars. */
function serviceLists(model: StatusModel): Html {
  const uptime = new Map(model.uptime.map((figures) => [figures.service, figures]));
  const { titles } = siteLists(model);
  const list = (ids: readonly string[]) => html`<ul class="services">${model.services.filter((service) => ids.includes(service.id)).map(
    (service) => html`<li><div class="service"><a class="name" href="services/${service.id}.html">${service.name}</a>${statusBadge(service.status, COMPONENT_LABEL[service.status])}</div>
${service.description ? html`<p class="meta">${service.description}</p>` : ''}${uptimeBars(service.name, uptime.get(service.id)!, titles, '')}</li>`,
  )}</ul>`;
  const ungrouped = model.services.filter((service) => !service.group).map((service) => service.id);
  return html`${ungrouped.length > 0 ? list(ungrouped) : ''}${model.groups.map(
    (group) => html`<h3 class="group">${group.name} ${statusBadge(group.status, COMPONENT_LABEL[group.status])}</h3>${list(group.services)}`,
  )}`;
}
