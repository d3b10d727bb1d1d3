import { UPTIME_WEIGHT, type ServiceUptime, type UptimeDay } from '../../core/status/uptime.js';
import { formatDate, formatLength, formatPercent } from '../format.js';
import { html, type Html } from '../html.js';
import { COMPONENT_LABEL } from '../labels.js';

const BAR = 4;
const GAP = 1;
const HEIGHT = 32;

/** The days a narrow screen shows: 90 hairline bars would be too thin to read or tap. */
const SHORT_DAYS = 30;

/**
 * A service's uptime as inline SVG bars, one per day, drawn at build time: all the days, and for
 * narrow screens only the last 30 (the stylesheet shows one or the other). A day with an incident
 * is a full-height bar in the colour of its worst status, linked to the incident's page; a good day
 * is a shorter bar, so the shape tells them apart without colour. Each bar has a tooltip in plain
 * words (the incidents by title); the figure and the impaired days are also given as text for
 * screen readers.
 * @param titles the public incidents' titles by id: the pages that exist to link to
 * @param base the path from the page to the site's root
 */
export function uptimeBars(name: string, uptime: ServiceUptime, titles: ReadonlyMap<string, string>, base: string): Html {
  const short = uptime.periods.find((period) => period.name === `${SHORT_DAYS} days`);
  return html`<div class="uptime">${bars(name, uptime.days, uptime.ratio, titles, base, 'long')}${short ? bars(name, uptime.days.slice(-SHORT_DAYS), short.ratio, titles, base, 'short') : ''}</div>`;
}

function bars(name: string, days: readonly UptimeDay[], ratio: number, titles: ReadonlyMap<string, string>, base: string, size: 'long' | 'short'): Html {
  const impaired = days.filter((day) => day.worst !== 'operational');
  const describe = (day: UptimeDay) => describeDay(day, titles);
  const label = `${name}: ${formatPercent(ratio)} uptime over the last ${days.length} days${impaired.length > 0 ? `; incidents on ${impaired.map(describe).join('; ')}` : '; no incidents'}.`;
  const width = days.length * (BAR + GAP) - GAP;
  return html`<div class="${size}">
<svg viewBox="0 0 ${width} ${HEIGHT}" preserveAspectRatio="none" role="${impaired.some((day) => day.incidents.some((id) => titles.has(id))) ? 'group' : 'img'}" aria-label="${label}">${days.map((day, index) => {
    const bad = day.worst !== 'operational';
    const height = bad ? HEIGHT : HEIGHT * 0.7;
    const bar = html`<rect x="${index * (BAR + GAP)}" y="${HEIGHT - height}" width="${BAR}" height="${height}" rx="1" class="${bad ? `bar-${day.worst}` : 'bar-ok'}"><title>${describe(day)}</title></rect>`;
    const page = bad ? day.incidents.find((id) => titles.has(id)) : undefined;
    return page === undefined ? bar : html`<a href="${base}incidents/${page}.html" aria-label="${describe(day)}">${bar}</a>`;
  })}</svg>
<div class="legend"><span>${days.length} days ago</span><span>${formatPercent(ratio)} uptime</span><span>Today</span></div>
</div>`;
}

/** `14 Jan 2026: major outage, 1 h 28 min of downtime: Checkout errors`, or `14 Jan 2026: no incidents`. */
function describeDay(day: UptimeDay, titles: ReadonlyMap<string, string>): string {
  if (day.worst === 'operational') return `${formatDate(day.date)}: no incidents`;
  const down = day.downtimeSeconds > 0 ? `, ${formatLength(day.downtimeSeconds * 1000)} of downtime` : '';
  const named = [...new Set(day.incidents.map((id) => titles.get(id) ?? 'an incident not on this page'))];
  return `${formatDate(day.date)}: ${COMPONENT_LABEL[day.worst].toLowerCase()}${down}: ${named.join('; ')}`;
}

/** The uptime method in words, from the weights the figures use. */
export function uptimeMethod(): string {
  const weight = (status: keyof typeof UPTIME_WEIGHT) => formatPercent(UPTIME_WEIGHT[status]).replace('.00', '');
  return `A major outage counts as ${weight('major_outage')} downtime, a partial outage as ${weight('partial_outage')}, degraded performance as ${weight('degraded_performance')}; planned maintenance and game-day drills are not counted. Each public incident counts from its start to its resolution, at the states its updates gave the service over that time.`;
}
