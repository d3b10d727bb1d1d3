import type { PublicIncident, StatusModel } from '../../core/status/status-model.js';
import { toMillis } from '../../core/time/timestamps.js';
import { formatMonth } from '../format.js';
import { html } from '../html.js';
import { incidentCard } from './incident-parts.js';
import { renderPage } from './layout.js';
import { siteLists } from './site-lists.js';

/**
 * The history: `history/index.html` lists the months that had public incidents or maintenance,
 * and `history/YYYY-MM.html` shows each month's. Every record is on exactly one month page, so the
 * pages grow with the records, not with their square. Each page is rendered when it is asked for.
 */
export function* renderHistoryPages(model: StatusModel): Generator<[string, string]> {
  const byMonth = new Map<string, PublicIncident[]>();
  // Newest first, as a month page lists them: each month's list is in order.
  for (const incident of siteLists(model).newestFirst) {
    const list = byMonth.get(incident.month) ?? [];
    list.push(incident);
    byMonth.set(incident.month, list);
  }
  const months = [...byMonth.keys()].sort().reverse();
  const now = toMillis(model.at);
  for (const [index, month] of months.entries()) {
    const incidents = byMonth.get(month)!;
    const [newer, older] = [months[index - 1], months[index + 1]];
    const main = html`<p><a href="../index.html">Current status</a> · <a href="index.html">All months</a></p>
<h1>Incidents in ${formatMonth(month)}</h1>
${incidents.map((incident) => incidentCard(incident, { base: '../', timeZone: model.page.timeZone, now, level: 2, updates: false }))}
<nav aria-label="Months"><ul class="plain">
${older ? html`<li><a href="${older}.html">Earlier: ${formatMonth(older)}</a></li>` : ''}
${newer ? html`<li><a href="${newer}.html">Later: ${formatMonth(newer)}</a></li>` : ''}
</ul></nav>`;
    yield [`history/${month}.html`, renderPage(model, { title: `${formatMonth(month)} · ${model.page.name}`, base: '../', main })];
  }
  const index = html`<p><a href="../index.html">Current status</a></p>
<h1>Incident history</h1>
${months.length > 0 ? html`<ul class="plain">${months.map((month) => html`<li><a href="${month}.html">${formatMonth(month)}</a>: ${count(byMonth.get(month)!)}</li>`)}</ul>` : html`<p>No public incidents yet.</p>`}`;
  yield ['history/index.html', renderPage(model, { title: `Incident history · ${model.page.name}`, base: '../', main: index })];
}

/** `2 incidents, 1 maintenance`. */
function count(incidents: readonly PublicIncident[]): string {
  const [incident, maintenance] = [incidents.filter((item) => item.type === 'incident').length, incidents.filter((item) => item.type === 'maintenance').length];
  return [incident > 0 && `${incident} incident${incident === 1 ? '' : 's'}`, maintenance > 0 && `${maintenance} maintenance${maintenance === 1 ? '' : 's'}`].filter(Boolean).join(', ');
}
