import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { RECORD_FOLDERS } from '../../scripts/core/records/kinds.js';
import { join } from 'node:path';
import { buildStatusModel, type StatusModel } from '../../scripts/core/status/status-model.js';
import { toMillis } from '../../scripts/core/time/timestamps.js';
import { checkRepository } from '../../scripts/core/records/validate.js';
import { CONFIG_FILE } from '../../scripts/io/repository/read-repository.js';
import { renderSite } from '../../scripts/render/site/site.js';

/** Every file under a folder, path (relative, with `/`) → content. */
export function readTree(folder: string, prefix = ''): Map<string, string> {
  const files = new Map<string, string>();
  for (const entry of readdirSync(join(folder, prefix), { withFileTypes: true })) {
    const path = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) for (const [inner, content] of readTree(folder, path)) files.set(inner, content);
    else files.set(path, readFileSync(join(folder, path), 'utf8'));
  }
  return files;
}

/** The status model of a repository's files (config text and records by path) at a time; throws on invalid records. */
export function modelOf(config: string, records: Record<string, string>, at: string): StatusModel {
  const { records: set, findings } = checkRepository({
    config: { path: CONFIG_FILE, text: config },
    records: Object.entries(records).map(([path, text]) => ({ path, text })),
  });
  const errors = findings.filter((finding) => finding.severity === 'error');
  if (!set || errors.length > 0)
    throw new Error(`invalid test records:\n${errors.map((finding) => `${finding.path}:${finding.line}: ${finding.message}`).join('\n')}`);
  return buildStatusModel(set, toMillis(at));
}

/** The site files of a repository's files at a time, rendered in memory. */
export function siteOf(config: string, records: Record<string, string>, at: string): Map<string, string> {
  return siteFiles(modelOf(config, records, at));
}

/** The site files of a status model, rendered in memory, each file's text whole. */
export function siteFiles(model: StatusModel): Map<string, string> {
  return new Map([...renderSite(model)].map(([path, content]) => [path, typeof content === 'string' ? content : [...content].join('')]));
}

/** A repository folder's config and records, as modelOf and siteOf take them (a record folder may be missing). */
export function repositoryFiles(root: string): { config: string; records: Record<string, string> } {
  const records: Record<string, string> = {};
  for (const folder of RECORD_FOLDERS.filter((name) => existsSync(join(root, name)))) {
    for (const [path, text] of readTree(join(root, folder))) records[`${folder}/${path}`] = text;
  }
  return { config: readFileSync(join(root, CONFIG_FILE), 'utf8'), records };
}
