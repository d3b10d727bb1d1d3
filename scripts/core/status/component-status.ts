/** Statuspage's component statuses, from best to worst. */
export const COMPONENT_STATUSES = ['operational', 'under_maintenance', 'degraded_performance', 'partial_outage', 'major_outage'] as const;
export type ComponentStatus = (typeof COMPONENT_STATUSES)[number];

/** The worst of some component statuses (operational when there are none). */
export function worst(statuses: readonly ComponentStatus[]): ComponentStatus {
  return statuses.reduce<ComponentStatus>((a, b) => (COMPONENT_STATUSES.indexOf(b) > COMPONENT_STATUSES.indexOf(a) ? b : a), 'operational');
}
