import { formatSeconds } from '../../core/time/duration.js';
import { PRIORITIES, type Report } from '../../core/report/report.js';
import type { Config } from '../../core/records/types.js';
import { horizontalBars, lineChart, stackedBars } from './charts.js';
import { formatMonth } from '../format.js';
import { html, styleElement, type Html } from '../html.js';
import { CSS } from '../site/layout.js';
import { formatReportTime, type ReportTable } from './report-tables.js';

const CHART_CSS = `
.chart{margin:1rem 0 1.5rem;overflow-x:auto}.chart>svg{width:100%;height:auto;display:block}
@media (max-width:36rem){.chart>svg{min-width:32rem}}
.chart figcaption{color:var(--muted);font-size:.9rem}
.axis{fill:var(--muted);font-size:12px}.grid{stroke:var(--line)}
.bar{fill:var(--link)}.bar-bad{fill:var(--major_outage)}
.line{fill:none;stroke:var(--link);stroke-width:2.5}.line-dot{fill:var(--link)}
.p1{fill:var(--major_outage)}.p2{fill:var(--partial_outage)}.p3{fill:var(--degraded_performance)}.p4{fill:var(--under_maintenance)}.p5{fill:var(--muted)}
.legend{list-style:none;display:flex;flex-wrap:wrap;gap:.25rem 1rem;padding:0;margin:.25rem 0;font-size:.9rem}
table{border-collapse:collapse;width:100%;font-size:.9rem;margin:.5rem 0 1.5rem}
th,td{text-align:left;padding:.3rem .5rem;border-bottom:1px solid var(--line);vertical-align:top}
.table-wrap{overflow-x:auto}
.answers li{margin:.35rem 0}
`.trim();

/** The internal report as one HTML page: three answers first, then charts, then every figure as a table. */
export function renderReportPage(report: Report, config: Config, tables: readonly ReportTable[]): string {
  const months = report.by_month.map((month) => formatMonth(month.month).slice(0, 3));
  const compliance = PRIORITIES.flatMap((priority) =>
    (['acknowledge', 'resolve', 'update'] as const).flatMap((target) => {
      const counts = report.sla.by_priority[priority]![target];
      const finished = counts.met + counts.breached;
      if (finished === 0) return [];
      const share = Math.round((counts.met / finished) * 1000) / 10;
      return [
        {
          label: `${priority} ${target}`,
          value: share,
          text: `${share}% met (${counts.met} of ${finished})`,
          className: counts.breached > 0 ? 'bar-bad' : 'bar',
        },
      ];
    }),
  );
  const main = html`<h1>Incident report</h1>
<p class="meta">Internal: not for the status page. Figures at <time datetime="${report.at}">${report.at}</time>; months in ${report.time_zone}. Cancelled incidents, drills and maintenance are left out.</p>
<section aria-labelledby="answers"><h2 id="answers">In short</h2><ul class="answers">${answers(report)}</ul></section>
<section aria-labelledby="charts"><h2 id="charts">Charts</h2>
${stackedBars(
  `Incidents per month by priority, last ${report.by_month.length} months`,
  months,
  PRIORITIES.map((priority) => ({ name: priority, className: priority.toLowerCase(), values: report.by_month.map((month) => month.by_priority[priority]!) })),
)}
${lineChart(
  'Mean time to resolve (MTTR) per month',
  months,
  report.by_month.map((month) => month.overall.mttr_seconds),
  formatSeconds,
)}
${compliance.length > 0 ? horizontalBars('SLA compliance per priority: share of finished clocks met', compliance) : html`<p>No finished SLA clocks yet.</p>`}
${horizontalBars(
  'Downtime by service, last 365 days (major outage 100%, partial outage 30%)',
  report.downtime.map((entry) => ({ label: entry.name, value: entry.seconds, text: formatReportTime(entry.seconds) })),
)}
</section>
<section aria-labelledby="figures"><h2 id="figures">Figures</h2>${tables.map(tableHtml)}</section>`;
  return `<!doctype html>\n${html`<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<meta name="robots" content="noindex">
<title>Incident report · ${config.page?.name ?? 'Incidents'}</title>
${styleElement(`${CSS}\n${CHART_CSS}`)}
</head>
<body><main id="main" class="wrap">${main}</main></body>
</html>`}\n`;
}

/** "Are we meeting our SLAs, where do we lose time, are the postmortem actions getting done?" */
function answers(report: Report): Html[] {
  const counts = Object.values(report.sla.by_priority).flatMap((targets) => Object.values(targets));
  const [met, breached] = [counts.reduce((sum, count) => sum + count.met, 0), counts.reduce((sum, count) => sum + count.breached, 0)];
  const open = report.sla.breaches.filter((breach) => breach.open).length;
  const worst = report.downtime[0];
  const slowest = Object.entries(report.by_service)
    .filter(([, metrics]) => metrics.mttr_seconds !== null)
    .sort(([, a], [, b]) => b.mttr_seconds! - a.mttr_seconds!)[0];
  const items = report.action_items.total;
  const openProblems = report.problems.problems.filter((problem) => problem.age_seconds !== null);
  const recurring = report.problems.recurring.length;
  return [
    html`<li><strong>SLAs:</strong> ${met} of ${met + breached} finished clocks met${breached > 0 ? `; ${breached} breached, ${open} of them on incidents still open` : ''}.</li>`,
    html`<li><strong>Where time goes:</strong> overall MTTA ${time(report.overall.mtta_seconds)}, MTTR ${time(report.overall.mttr_seconds)}${slowest ? `; the slowest service to restore is ${slowest[0]} (MTTR ${time(slowest[1].mttr_seconds)})` : ''}${worst && worst.seconds > 0 ? `; the most downtime was on ${worst.name} (${formatReportTime(worst.seconds)})` : ''}.</li>`,
    html`<li><strong>Postmortem actions:</strong> ${items.done} done, ${items.open} open, ${items.overdue} of them overdue${items.wont_do > 0 ? `, ${items.wont_do} won't do` : ''}.</li>`,
    html`<li><strong>Problems:</strong> ${openProblems.length} open${openProblems[0] ? `, the oldest ${openProblems[0].id} for ${formatReportTime(openProblems[0].age_seconds)}` : ''}; ${recurring === 0 ? 'no recurring incidents without a problem' : `${recurring} group${recurring === 1 ? '' : 's'} of recurring incidents without a problem`}.</li>`,
  ];
}

const time = (seconds: number | null) => (seconds === null ? 'not measured yet' : formatReportTime(seconds));

function tableHtml(table: ReportTable): Html {
  if (table.rows.length === 0) return html`<h3>${table.title}</h3><p>${table.empty}</p>`;
  return html`<h3>${table.title}</h3><div class="table-wrap" tabindex="0" role="region" aria-label="${table.title}"><table><thead><tr>${table.header.map((cell) => html`<th scope="col">${cell}</th>`)}</tr></thead><tbody>${table.rows.map((row) => html`<tr>${row.map((cell) => html`<td>${cell}</td>`)}</tr>`)}</tbody></table></div>`;
}
