import type { PublicEvent } from '../../core/announce/events.js';
import type { StatusModel } from '../../core/status/status-model.js';
import { statuspageObjects } from '../api/statuspage-api.js';

/**
 * A subscriber webhook's payload in Statuspage's shape, so tools that consume Statuspage's
 * webhooks consume these unchanged: `{meta, page, incident}` (the incident as the API shows it,
 * `incident_updates` newest first) for incident, maintenance and postmortem events, and `{meta,
 * page, component_update, component}` for a component's change. `page` carries the page's
 * indicator at the run; bodies are the plain text of the page's sanitized Markdown.
 * @param generatedAt when the payload is made (the run's time)
 */
export function renderStatuspageWebhook(model: StatusModel, event: PublicEvent, generatedAt: string): object {
  const objects = statuspageObjects(model);
  const meta = { unsubscribe: `${model.page.url}/#subscribe`, documentation: `${model.page.url}/#subscribe`, generated_at: generatedAt };
  const page = { id: model.page.id, status_indicator: model.indicator, status_description: model.description };
  if (event.type === 'component_changed' && event.component) {
    const current = objects.components.get(event.component.id);
    return {
      meta,
      page,
      component_update: {
        id: event.key,
        component_id: event.component.id,
        component_type: 'Component',
        old_status: event.component.from,
        new_status: event.component.to,
        created_at: event.at,
      },
      component: { ...current, id: event.component.id, name: event.component.name, status: event.component.to, updated_at: event.at },
    };
  }
  return { meta, page, incident: objects.incident(event.incident) };
}
