import { renderFavicon } from './layout.js';
import type { StatusModel } from '../../core/status/status-model.js';
import { renderBadges } from './badges.js';
import { renderMaintenanceCalendar } from '../api/calendar-feed.js';
import { renderFeeds } from '../api/feeds.js';
import { renderHistoryPages } from './history-pages.js';
import { renderIncidentPage } from './incident-page.js';
import { renderIndexPage } from './index-page.js';
import { renderServicePage } from './service-page.js';
import { renderStatuspageApi } from '../api/statuspage-api.js';

/** A path inside the site: folders and file names of letters, digits, dots, dashes and underscores, none starting with a dot (so no `..`). */
const SAFE_PATH = /^(?:[A-Za-z0-9_-][A-Za-z0-9._-]*\/)*[A-Za-z0-9_-][A-Za-z0-9._-]*$/;

/** A file's content: its text, or its text in parts (a file too large to hold whole), rendered as they are written. */
export type SiteContent = string | Iterable<string>;

/**
 * Every file of the public site, as [path, content], from the status model alone, rendered one at a
 * time as they are written, so the whole site is never held in memory. Paths are built from
 * validated ids; one that is not a plain relative path, or one made twice (compared without case,
 * as some file systems compare names), is a bug and stops the build.
 */
export function* renderSite(model: StatusModel): Generator<[string, SiteContent]> {
  const written = new Set<string>();
  for (const [path, content] of allFiles(model)) {
    if (!SAFE_PATH.test(path)) throw new Error(`refusing to write the site file "${path}": not a plain relative path`);
    // Paths from ids are collision-free by construction (badges/services/, group_ ids); one made twice is a bug.
    if (written.has(path.toLowerCase())) throw new Error(`refusing to write the site file "${path}" twice`);
    written.add(path.toLowerCase());
    yield [path, content];
  }
}

function* allFiles(model: StatusModel): Generator<[string, SiteContent]> {
  yield ['index.html', renderIndexPage(model)];
  for (const incident of [...model.incidents, ...model.maintenances]) yield [`incidents/${incident.id}.html`, renderIncidentPage(model, incident)];
  for (const service of model.services) yield [`services/${service.id}.html`, renderServicePage(model, service)];
  yield* renderHistoryPages(model);
  yield* renderStatuspageApi(model);
  yield* renderFeeds(model);
  yield* renderBadges(model);
  yield ['maintenance.ics', renderMaintenanceCalendar(model)];
  yield ['favicon.svg', renderFavicon(model.indicator)];
  // The internal audience's site asks search engines to stay away, on every page and here.
  if (model.audience === 'internal') yield ['robots.txt', 'User-agent: *\nDisallow: /\n'];
}
