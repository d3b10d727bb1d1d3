import type { StatusModel } from '../../core/status/status-model.js';
import { formatDateTime } from '../format.js';
import { Html, html, scriptElement, styleElement } from '../html.js';

/** The site's one stylesheet, inline in every page: no JavaScript, no requests for assets. */
export const CSS = `
:root{color-scheme:light dark;--bg:#fff;--fg:#1b1f24;--muted:#57606a;--line:#d0d7de;--panel:#f6f8fa;--link:#0550ae;
--operational:#1a7f37;--under_maintenance:#0b5cad;--degraded_performance:#7d5700;--partial_outage:#b4420b;--major_outage:#c11f1f;--bar:#8cc79a}
@media (prefers-color-scheme:dark){:root{--bg:#0d1117;--fg:#e6edf3;--muted:#9da7b3;--line:#30363d;--panel:#161b22;--link:#79c0ff;
--operational:#3fb950;--under_maintenance:#58a6ff;--degraded_performance:#d29922;--partial_outage:#f0883e;--major_outage:#ff7b72;--bar:#2f6f3e}}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--fg);font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif}
a{color:var(--link)}
code{overflow-wrap:anywhere}
.skip{position:absolute;left:-999px}.skip:focus{left:1rem;top:1rem;background:var(--bg);padding:.5rem}
.wrap{max-width:52rem;margin:0 auto;padding:0 1rem}
header.site{border-bottom:1px solid var(--line);padding:1rem 0}
header.site a{font-weight:700;font-size:1.25rem;color:var(--fg);text-decoration:none}
main{padding:1rem 0 2rem}
h1{font-size:1.6rem;line-height:1.25;margin:.25rem 0}
h2{font-size:1.25rem;margin:2rem 0 .75rem;padding-bottom:.25rem;border-bottom:1px solid var(--line)}
h3{font-size:1.05rem;margin:0}
.overall{margin-top:.5rem;display:flex;gap:.75rem;align-items:flex-start;border:1px solid var(--line);border-left:.5rem solid currentColor;border-radius:.5rem;padding:1rem;background:var(--panel)}
.overall .icon{width:2rem;height:2rem;flex:none}
.overall h1{color:var(--fg)}
.overall p{margin:.25rem 0 0;color:var(--fg)}
.impaired{margin:.5rem 0 0;padding-left:1.25rem;color:var(--fg)}
.status{display:inline-flex;gap:.35rem;align-items:center;font-weight:600}
.icon{width:1em;height:1em;flex:none}
.s-operational{color:var(--operational)}.s-under_maintenance{color:var(--under_maintenance)}.s-degraded_performance{color:var(--degraded_performance)}
.s-partial_outage{color:var(--partial_outage)}.s-major_outage{color:var(--major_outage)}
.card{border:1px solid var(--line);border-radius:.5rem;padding:1rem;margin:0 0 1rem}
.card header{display:flex;flex-wrap:wrap;gap:.25rem 1rem;justify-content:space-between;align-items:baseline}
.card>h2,.card>h3,.card header h2,.card header h3{font-size:1.05rem;margin:0;padding:0;border:0}
.card>h2+*,.card>h3+*{margin-top:.5rem}
.meta{color:var(--muted);margin:.25rem 0;font-size:.95rem}
.updates{list-style:none;margin:.75rem 0 0;padding:0}
.updates li{border-left:3px solid var(--line);padding:.1rem 0 .1rem .75rem;margin:0 0 .75rem}
.updates p{margin:.2rem 0}
.services{list-style:none;margin:0 0 1rem;padding:0;border:1px solid var(--line);border-radius:.5rem}
.services li{padding:.75rem 1rem;border-top:1px solid var(--line)}.services li:first-child{border-top:0}
.service{display:flex;flex-wrap:wrap;justify-content:space-between;gap:.25rem 1rem}
.service .name{font-weight:600}
h3.group{display:flex;flex-wrap:wrap;gap:.25rem 1rem;justify-content:space-between;margin:1.25rem 0 .5rem}
.uptime svg{display:block;width:100%;height:2rem;margin:.5rem 0 .25rem}
.uptime .legend{display:flex;justify-content:space-between;color:var(--muted);font-size:.85rem}
.bar-ok{fill:var(--bar)}.bar-under_maintenance{fill:var(--under_maintenance)}.bar-degraded_performance{fill:var(--degraded_performance)}.bar-partial_outage{fill:var(--partial_outage)}.bar-major_outage{fill:var(--major_outage)}
table.figures{border-collapse:collapse;width:100%;margin:.5rem 0 1rem}
table.figures th,table.figures td{border:1px solid var(--line);padding:.4rem .5rem;text-align:center}
table.figures th{font-weight:400;color:var(--muted);font-size:.9rem}table.figures td{font-weight:600;font-variant-numeric:tabular-nums}
.uptime .short{display:none}
@media (max-width:40rem){.uptime .long{display:none}.uptime .short{display:block}}
.local{color:var(--muted)}
.audience{border:1px dashed var(--muted);border-radius:.5rem;padding:.5rem .75rem;margin:.5rem 0 1rem}
.tag{display:inline-block;border:1px solid var(--muted);border-radius:.25rem;padding:0 .35rem;font-size:.8rem;font-weight:600;color:var(--muted);margin-left:.5rem;vertical-align:middle}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem;margin:1rem 0}
dl.facts dt{color:var(--muted)}dl.facts dd{margin:0}
.plain{list-style:none;padding:0}.plain li{margin:.25rem 0}
footer.site{border-top:1px solid var(--line);padding:1rem 0 2rem;color:var(--muted);font-size:.9rem}
footer.site ul{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:.25rem 1rem}
@media (max-width:30rem){h1{font-size:1.35rem}.card,.overall{padding:.75rem}}
`.trim();

/**
 * The one script: progressive enhancement only. Every time on the page is written in the page's
 * time zone, readable without it; for a reader in another zone it adds their local time after
 * each. Constant code: no record text ever goes into it.
 */
export const LOCAL_TIMES = `(() => {
const page = document.documentElement.dataset.timeZone;
const reader = Intl.DateTimeFormat().resolvedOptions().timeZone;
if (!reader || reader === page) return;
const format = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', hour: 'numeric', minute: '2-digit', timeZoneName: 'short' });
for (const time of document.querySelectorAll('time[datetime*="T"]')) {
  const date = new Date(time.getAttribute('datetime'));
  if (Number.isNaN(date.getTime())) continue;
  const local = document.createElement('span');
  local.className = 'local';
  local.textContent = ' (' + format.format(date) + ' your time)';
  time.after(local);
}
})();`;

/** What every page of the internal audience's site carries, and a public page never does. */
export const NOINDEX = '<meta name="robots" content="noindex, nofollow">';

/** One page of the site. `base` leads back to the site's root from the page's folder ('' or '../'). */
export function renderPage(model: StatusModel, { title, base, main }: { title: string; base: string; main: Html }): string {
  return `<!doctype html>\n${html`<html lang="en" data-time-zone="${model.page.timeZone}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
${model.audience === 'internal' ? new Html(NOINDEX) : ''}
<title>${title}</title>
<link rel="icon" type="image/svg+xml" href="${base}favicon.svg">
<link rel="alternate" type="application/atom+xml" title="${model.page.name}" href="${base}history.atom">
<link rel="alternate" type="application/rss+xml" title="${model.page.name}" href="${base}history.rss">
${styleElement(CSS)}
</head>
<body>
<a class="skip" href="#main">Skip to content</a>
<header class="site"><div class="wrap"><a href="${base}index.html">${model.page.name}</a></div></header>
<main id="main" class="wrap">
${model.audience === 'internal' ? html`<p class="audience">Internal status page, for employees: it shows internal incidents and who leads each one. Do not share it outside the company.</p>` : ''}
${main}
</main>
<footer class="site"><div class="wrap">
<ul>
<li><a href="${base}history/index.html">Incident history</a></li>
<li><a href="${base}history.atom">Atom feed</a></li>
<li><a href="${base}history.rss">RSS feed</a></li>
<li><a href="${base}maintenance.ics">Maintenance calendar</a></li>
<li><a href="${base}api/v2/summary.json">Status API</a></li>
<li><a href="${base}badges/index.html">Badges</a></li>
</ul>
<p>Page built for <time datetime="${model.at}">${formatDateTime(model.at, model.page.timeZone)}</time>. Times are shown in ${model.page.timeZone}, with your own time beside them when your browser runs scripts and is elsewhere.</p>
</div></footer>
${scriptElement(LOCAL_TIMES)}
</body>
</html>`}\n`;
}

/** The colour of the page's indicator, as the state colours of the light stylesheet. */
const INDICATOR_COLOUR: Readonly<Record<StatusModel['indicator'], string>> = {
  none: '#1a7f37',
  minor: '#7d5700',
  major: '#b4420b',
  critical: '#c11f1f',
  maintenance: '#0b5cad',
};

/** favicon.svg: a dot in the colour of the page's state, so a browser tab shows it at a glance. */
export function renderFavicon(indicator: StatusModel['indicator']): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><circle cx="8" cy="8" r="7" fill="${INDICATOR_COLOUR[indicator]}"/></svg>\n`;
}
