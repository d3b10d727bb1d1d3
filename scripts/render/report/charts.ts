import { html, type Html } from '../html.js';

/**
 * Small inline SVG charts, drawn at build time: no JavaScript, a text alternative on each, and the
 * exact figures in a table next to them. Sizes are in viewBox units; the SVG scales to its box.
 */
const WIDTH = 600;
const HEIGHT = 220;
const PAD = { top: 10, right: 10, bottom: 30, left: 44 };

export interface Series {
  name: string;
  /** A CSS class that gives the series its fill or stroke. */
  className: string;
  values: number[];
}

/** Vertical stacked bars, one per label: e.g. incidents per month, stacked by priority. */
export function stackedBars(label: string, labels: readonly string[], series: readonly Series[]): Html {
  const totals = labels.map((_, index) => series.reduce((sum, one) => sum + (one.values[index] ?? 0), 0));
  const max = niceMax(Math.max(0, ...totals));
  const step = (WIDTH - PAD.left - PAD.right) / labels.length;
  const y = (value: number) => PAD.top + (HEIGHT - PAD.top - PAD.bottom) * (1 - value / max);
  const bars = labels.map((name, index) => {
    let base = 0;
    return series.map((one) => {
      const value = one.values[index] ?? 0;
      if (value === 0) return html``;
      const rect = html`<rect class="${one.className}" x="${PAD.left + index * step + step * 0.15}" y="${y(base + value)}" width="${step * 0.7}" height="${y(base) - y(base + value)}"><title>${name}: ${value} ${one.name}</title></rect>`;
      base += value;
      return rect;
    });
  });
  return figure(label, html`${axes(max, labels, step)}${bars}`, legend(series));
}

/** A line over the labels; a null value breaks the line (no data that month). */
export function lineChart(label: string, labels: readonly string[], values: readonly (number | null)[], format: (value: number) => string): Html {
  const max = niceMax(Math.max(0, ...values.filter((value): value is number => value !== null)));
  const step = (WIDTH - PAD.left - PAD.right) / labels.length;
  const point = (value: number, index: number) => [PAD.left + index * step + step / 2, PAD.top + (HEIGHT - PAD.top - PAD.bottom) * (1 - value / max)] as const;
  const runs: string[] = [];
  let current: string[] = [];
  values.forEach((value, index) => {
    if (value === null) {
      if (current.length > 0) runs.push(current.join(' '));
      current = [];
      return;
    }
    current.push(point(value, index).join(','));
  });
  if (current.length > 0) runs.push(current.join(' '));
  const dots = values.map((value, index) =>
    value === null
      ? html``
      : html`<circle class="line-dot" cx="${point(value, index)[0]}" cy="${point(value, index)[1]}" r="4"><title>${labels[index]}: ${format(value)}</title></circle>`,
  );
  return figure(label, html`${axes(max, labels, step, format)}${runs.map((points) => html`<polyline class="line" points="${points}"/>`)}${dots}`, html``);
}

/** Horizontal bars with a label and a figure each: e.g. downtime per service. */
export function horizontalBars(label: string, rows: readonly { label: string; value: number; text: string; className?: string }[]): Html {
  const max = niceMax(Math.max(0, ...rows.map((row) => row.value)));
  const rowHeight = 26;
  const height = rows.length * rowHeight + 10;
  const left = 150;
  const width = WIDTH - left - 180;
  return html`<figure class="chart"><svg viewBox="0 0 ${WIDTH} ${height}" role="img" aria-label="${label}: ${rows.map((row) => `${row.label} ${row.text}`).join(', ')}">
${rows.map(
  (row, index) => html`<text class="axis" x="${left - 6}" y="${index * rowHeight + 22}" text-anchor="end">${row.label}</text>
<rect class="${row.className ?? 'bar'}" x="${left}" y="${index * rowHeight + 8}" width="${max === 0 ? 0 : (width * row.value) / max}" height="18"><title>${row.label}: ${row.text}</title></rect>
<text class="axis" x="${left + (max === 0 ? 0 : (width * row.value) / max) + 6}" y="${index * rowHeight + 22}">${row.text}</text>`,
)}
</svg><figcaption>${label}</figcaption></figure>`;
}

function figure(label: string, body: Html, after: Html): Html {
  return html`<figure class="chart"><svg viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-label="${label}">${body}</svg>${after}<figcaption>${label}</figcaption></figure>`;
}

/** The value axis (0, half, max) and the labels under the bars (every other one when crowded). */
function axes(max: number, labels: readonly string[], step: number, format: (value: number) => string = String): Html {
  const bottom = HEIGHT - PAD.bottom;
  const ticks = [0, max / 2, max].map((value) => {
    const y = PAD.top + (bottom - PAD.top) * (1 - value / max);
    return html`<line class="grid" x1="${PAD.left}" x2="${WIDTH - PAD.right}" y1="${y}" y2="${y}"/><text class="axis" x="${PAD.left - 4}" y="${y + 4}" text-anchor="end">${format(value)}</text>`;
  });
  const names = labels.map((name, index) =>
    labels.length > 8 && index % 2 === 1
      ? html``
      : html`<text class="axis" x="${PAD.left + index * step + step / 2}" y="${bottom + 18}" text-anchor="middle">${name}</text>`,
  );
  return html`${ticks}${names}`;
}

function legend(series: readonly Series[]): Html {
  return html`<ul class="legend">${series.map((one) => html`<li><svg viewBox="0 0 10 10" width="10" height="10" aria-hidden="true"><rect class="${one.className}" width="10" height="10"/></svg> ${one.name}</li>`)}</ul>`;
}

/** A round upper bound for an axis (at least 1). */
function niceMax(value: number): number {
  if (value <= 0) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(value));
  return [1, 2, 2.5, 5, 10].map((factor) => factor * magnitude).find((candidate) => candidate >= value)!;
}
