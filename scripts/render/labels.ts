import type { ComponentStatus } from '../core/status/component-status.js';
import type { Indicator, PublicStatus } from '../core/status/status-model.js';
import { html, type Html } from './html.js';

/** What each component status is called on the page. */
export const COMPONENT_LABEL: Readonly<Record<ComponentStatus, string>> = {
  operational: 'Operational',
  under_maintenance: 'Under maintenance',
  degraded_performance: 'Degraded performance',
  partial_outage: 'Partial outage',
  major_outage: 'Major outage',
};

/** What each incident and maintenance status is called on the page. */
export const STATUS_LABEL: Readonly<Record<PublicStatus, string>> = {
  investigating: 'Investigating',
  identified: 'Identified',
  monitoring: 'Monitoring',
  resolved: 'Resolved',
  postmortem: 'Resolved, postmortem published',
  scheduled: 'Scheduled',
  in_progress: 'In progress',
  verifying: 'Verifying',
  completed: 'Completed',
};

/** The look (class and icon) each indicator shares with the component status of the same weight. */
export const INDICATOR_LOOK: Readonly<Record<Indicator, ComponentStatus>> = {
  none: 'operational',
  maintenance: 'under_maintenance',
  minor: 'degraded_performance',
  major: 'partial_outage',
  critical: 'major_outage',
};

/**
 * A status icon whose shape tells the status without its colour: a circle with a tick, a
 * triangle, a diamond, an octagon with a cross, a square with a wrench-like bar. Decorative: a text
 * label always goes with it.
 */
export function statusIcon(status: ComponentStatus): Html {
  return html`<svg class="icon" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">${ICON_SHAPES[status]}</svg>`;
}

const ICON_SHAPES: Readonly<Record<ComponentStatus, Html>> = {
  operational: html`<circle cx="8" cy="8" r="7" fill="currentColor"/><path d="M4.5 8.2l2.3 2.3 4.7-4.9" fill="none" stroke="var(--bg)" stroke-width="1.8"/>`,
  degraded_performance: html`<path d="M8 1l7.5 13.5H.5z" fill="currentColor"/><path d="M8 5.5v4.5M8 11.5v1.5" stroke="var(--bg)" stroke-width="1.8"/>`,
  partial_outage: html`<path d="M8 .5L15.5 8 8 15.5.5 8z" fill="currentColor"/><path d="M8 4.5v4.5M8 10.5v1.5" stroke="var(--bg)" stroke-width="1.8"/>`,
  major_outage: html`<path d="M5 .5h6L15.5 5v6L11 15.5H5L.5 11V5z" fill="currentColor"/><path d="M5.2 5.2l5.6 5.6M10.8 5.2l-5.6 5.6" stroke="var(--bg)" stroke-width="1.8"/>`,
  under_maintenance: html`<rect x="1" y="1" width="14" height="14" rx="2" fill="currentColor"/><path d="M4.5 11.5l5-5M9 4.5a2 2 0 1 0 2.5 2.5" fill="none" stroke="var(--bg)" stroke-width="1.8"/>`,
};

/** An icon and its label, coloured by status. */
export function statusBadge(status: ComponentStatus, label: string): Html {
  return html`<span class="status s-${status}">${statusIcon(status)}<span>${label}</span></span>`;
}
