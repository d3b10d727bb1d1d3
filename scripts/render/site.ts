import type { StatusModel } from '../core/status.js';
import { renderBadges } from './badges.js';
import { renderMaintenanceCalendar } from './calendar-feed.js';
import { renderFeeds } from './feeds.js';
import { renderHistoryPages } from './history-pages.js';
import { renderIncidentPage } from './incident-page.js';
import { renderIndexPage } from './index-page.js';
import { renderStatuspageApi } from './statuspage-api.js';

/** A path inside the site: folders and file names of letters, digits, dots, dashes and underscores, none starting with a dot (so no `..`). */
const SAFE_PATH = /^(?:[A-Za-z0-9_-][A-Za-z0-9._-]*\/)*[A-Za-z0-9_-][A-Za-z0-9._-]*$/;

/**
 * Every file of the public site, path → content, from the status model alone. Paths are built from
 * validated ids; one that is not a plain relative path is a bug and stops the build.
 */
export function renderSite(model: StatusModel): Map<string, string> {
  const files = new Map<string, string>([['index.html', renderIndexPage(model)]]);
  for (const incident of [...model.incidents, ...model.maintenances]) {
    files.set(`incidents/${incident.id}.html`, renderIncidentPage(model, incident));
  }
  for (const part of [renderHistoryPages(model), renderStatuspageApi(model), renderFeeds(model), renderBadges(model)]) {
    for (const [path, content] of part) files.set(path, content);
  }
  files.set('maintenance.ics', renderMaintenanceCalendar(model));
  for (const path of files.keys()) {
    if (!SAFE_PATH.test(path)) throw new Error(`refusing to write the site file "${path}": not a plain relative path`);
  }
  return new Map([...files].sort(([a], [b]) => (a < b ? -1 : 1)));
}
