import type { ComponentStatus } from '../../core/status/component-status.js';
import type { StatusModel } from '../../core/status/status-model.js';
import { html } from '../html.js';
import { COMPONENT_LABEL, INDICATOR_LOOK } from '../labels.js';
import { renderPage } from './layout.js';

/** Badge colours: shields.io's names for the endpoint JSON, and the hex the SVG draws. */
const COLOUR: Readonly<Record<ComponentStatus, { name: string; hex: string }>> = {
  operational: { name: 'brightgreen', hex: '#2f7d32' },
  under_maintenance: { name: 'blue', hex: '#0b5cad' },
  degraded_performance: { name: 'yellow', hex: '#8a6100' },
  partial_outage: { name: 'orange', hex: '#b4420b' },
  major_outage: { name: 'red', hex: '#c11f1f' },
};

/**
 * Status badges: `badges/status.svg` for the whole page and `badges/services/<service>.svg` per
 * service (a folder of their own, so no service id can take the page's name), the same as
 * shields.io endpoint JSON (`.json`), and `badges/index.html` with the code to embed them.
 */
export function renderBadges(model: StatusModel): Map<string, string> {
  const badges = [
    { path: 'status', label: 'status', message: model.indicator === 'none' ? 'operational' : model.description.toLowerCase(), look: INDICATOR_LOOK[model.indicator], title: model.page.name },
    ...model.services.map((service) => ({ path: `services/${service.id}`, label: service.name, message: COMPONENT_LABEL[service.status].toLowerCase(), look: service.status, title: service.name })),
  ];
  const files = new Map<string, string>();
  for (const badge of badges) {
    files.set(`badges/${badge.path}.svg`, badgeSvg(badge.label, badge.message, COLOUR[badge.look].hex));
    files.set(`badges/${badge.path}.json`, `${JSON.stringify({ schemaVersion: 1, label: badge.label, message: badge.message, color: COLOUR[badge.look].name }, null, 2)}\n`);
  }
  const main = html`<p><a href="../index.html">Current status</a></p><h1>Status badges</h1>
<p>Each badge is an SVG image that changes with the status page, and a <a href="https://shields.io/badges/endpoint-badge">shields.io endpoint</a> for a badge in your own style.</p>
<ul class="plain">${badges.map(
    (badge) => html`<li class="card"><h2>${badge.title}</h2><p><img src="${badge.path}.svg" alt="${badge.label}: ${badge.message}"></p>
<p class="meta">Image: <code>${model.page.url}/badges/${badge.path}.svg</code><br>Endpoint: <code>${model.page.url}/badges/${badge.path}.json</code></p></li>`,
  )}</ul>`;
  files.set('badges/index.html', renderPage(model, { title: `Status badges · ${model.page.name}`, base: '../', main }));
  return files;
}

/** A flat two-part badge, sized from the text (Verdana 11px is about 7px a character). */
function badgeSvg(label: string, message: string, colour: string): string {
  const width = (text: string) => Math.round(text.length * 7 + 12);
  const [left, right] = [width(label), width(message)];
  return `${html`<svg xmlns="http://www.w3.org/2000/svg" width="${left + right}" height="20" role="img" aria-label="${label}: ${message}">
<title>${label}: ${message}</title>
<rect width="${left}" height="20" fill="#555"/><rect x="${left}" width="${right}" height="20" fill="${colour}"/>
<g fill="#fff" text-anchor="middle" font-family="Verdana,DejaVu Sans,sans-serif" font-size="11">
<text x="${left / 2}" y="14">${label}</text><text x="${left + right / 2}" y="14">${message}</text>
</g>
</svg>`}\n`;
}
