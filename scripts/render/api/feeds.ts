import type { PublicIncident, StatusModel } from '../../core/status/status-model.js';
import { toMillis } from '../../core/time/timestamps.js';
import { html, type Html } from '../html.js';
import { affectedServices, incidentTimes, updateList } from '../site/incident-parts.js';
import { STATUS_LABEL } from '../labels.js';

/** Feeds carry the incidents and maintenances changed most recently. */
const FEED_SIZE = 50;

/**
 * Atom and RSS feeds of the public incidents and maintenances: `history.atom` and `history.rss`
 * for the whole page, `services/<id>.atom` and `.rss` per service. An entry is updated whenever a
 * public update is added, so feed readers show it again. Each feed is rendered when it is asked for.
 */
export function* renderFeeds(model: StatusModel): Generator<[string, string]> {
  // Most recently updated first (the id breaks ties), sorted once for every feed; each instant read once.
  const all = [...model.incidents, ...model.maintenances]
    .map((incident) => ({ incident, updated: toMillis(incident.updatedAt) }))
    .sort((a, b) => b.updated - a.updated || (a.incident.id < b.incident.id ? -1 : 1))
    .map(({ incident }) => incident);
  function* feeds(path: string, title: string, entries: PublicIncident[]): Generator<[string, string]> {
    yield [`${path}.atom`, atomFeed(model, `${path}.atom`, title, entries)];
    yield [`${path}.rss`, rssFeed(model, `${path}.rss`, title, entries)];
  }
  yield* feeds('history', model.page.name, all.slice(0, FEED_SIZE));
  for (const service of model.services) {
    const newest: PublicIncident[] = [];
    for (const incident of all) {
      if (newest.length === FEED_SIZE) break;
      if (incident.services.some((affected) => affected.id === service.id)) newest.push(incident);
    }
    yield* feeds(`services/${service.id}`, `${model.page.name}: ${service.name}`, newest);
  }
}

function atomFeed(model: StatusModel, path: string, title: string, entries: readonly PublicIncident[]): string {
  const updated =
    entries
      .map((entry) => entry.updatedAt)
      .sort((a, b) => toMillis(a) - toMillis(b))
      .at(-1) ?? model.updatedAt;
  return `<?xml version="1.0" encoding="utf-8"?>\n${html`<feed xmlns="http://www.w3.org/2005/Atom">
<id>${model.page.url}/${path}</id>
<title>${title}</title>
<updated>${utc(updated)}</updated>
<link rel="self" type="application/atom+xml" href="${model.page.url}/${path}"/>
<link rel="alternate" type="text/html" href="${model.page.url}/index.html"/>
<author><name>${model.page.name}</name></author>
${entries.map(
  (entry) => html`<entry>
<id>${link(model, entry)}</id>
<title>${entry.title}</title>
<published>${utc(entry.reportedAt)}</published>
<updated>${utc(entry.updatedAt)}</updated>
<link rel="alternate" type="text/html" href="${link(model, entry)}"/>
<content type="html">${entryHtml(model, entry).value}</content>
</entry>
`,
)}</feed>`}\n`;
}

function rssFeed(model: StatusModel, path: string, title: string, entries: readonly PublicIncident[]): string {
  return `<?xml version="1.0" encoding="utf-8"?>\n${html`<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">
<channel>
<title>${title}</title>
<link>${model.page.url}/index.html</link>
<description>${html`Incidents and maintenance from ${model.page.name}`.value}</description>
<atom:link rel="self" type="application/rss+xml" href="${model.page.url}/${path}"/>
${entries.map(
  (entry) => html`<item>
<title>${entry.title}</title>
<link>${link(model, entry)}</link>
<guid isPermaLink="true">${link(model, entry)}</guid>
<pubDate>${new Date(toMillis(entry.updatedAt)).toUTCString()}</pubDate>
<description>${entryHtml(model, entry).value}</description>
</item>
`,
)}</channel>
</rss>`}\n`;
}

/** An entry's body as HTML (escaped once more by the feed's template): status, times, services, updates. */
function entryHtml(model: StatusModel, entry: PublicIncident): Html {
  const zone = model.page.timeZone;
  return html`<p><strong>${STATUS_LABEL[entry.status]}</strong>. ${incidentTimes(entry, zone, toMillis(model.at))}.</p><p>Affected: ${affectedServices(entry)}</p>${updateList(entry, zone)}`;
}

function link(model: StatusModel, entry: PublicIncident): string {
  return `${model.page.url}/incidents/${entry.id}.html`;
}

/** RFC 3339 in UTC, as feeds want. */
function utc(timestamp: string): string {
  return new Date(toMillis(timestamp)).toISOString().replace('.000Z', 'Z');
}
