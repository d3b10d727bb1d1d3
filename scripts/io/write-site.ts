import { closeSync, existsSync, mkdirSync, openSync, readFileSync, realpathSync, writeFileSync, writeSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, readdir, rename, rm, rmdir, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join, relative } from 'node:path';

import { SiteWriteError } from '../core/errors.js';

/** A folder holding this file was built by `incidents build`, and may be replaced. */
export const SITE_MARK = 'api/v2/summary.json';

/**
 * The public site `folder` is, or is inside, if any: the nearest folder up from it that holds a
 * built site whose front page lacks `internalMark` (what an internal audience's pages carry). An
 * internal site written there would be published with it.
 */
export function publicSiteAround(folder: string, internalMark: string): string | undefined {
  for (let current = folder; ; current = dirname(current)) {
    const index = join(current, 'index.html');
    if (existsSync(join(current, SITE_MARK)) && !(existsSync(index) && readFileSync(index, 'utf8').includes(internalMark))) return current;
    if (dirname(current) === current) return undefined;
  }
}

/** A path with the links of its longest existing part resolved (the rest does not exist yet). */
export function realPathSoFar(path: string): string {
  let existing = path;
  while (!existsSync(existing) && dirname(existing) !== existing) existing = dirname(existing);
  return join(realpathSync(existing), relative(existing, path));
}

/**
 * Writes the site into a new folder next to `out`, then moves it into place, so readers and a
 * failed build never see half a site. `out` may be missing, empty, or one written before (it holds
 * `mark`, one of the files); any other folder is refused, so a mistyped `--out` cannot delete
 * someone's files. `files` may render each file as it is asked for, and give a file's text whole or
 * in parts. Returns how many were written.
 */
export async function writeSite(out: string, files: Iterable<[string, string | Iterable<string>]>, mark = SITE_MARK): Promise<number> {
  const replacing = existsSync(out);
  if (replacing) await attempt(`could not read ${out}`, () => checkReplaceable(out, mark));
  const parent = dirname(out);
  const building = await attempt(`could not create a folder in ${parent}`, async () => {
    await mkdir(parent, { recursive: true });
    const folder = await mkdtemp(join(parent, `.${basename(out)}.building-`));
    // mkdtemp makes a private folder (0700); the site is for a web server to read.
    await chmod(folder, 0o755);
    return folder;
  });
  try {
    const count = await attempt(`could not write the site in ${building}`, async () => writeFiles(building, files));
    const previous = `${building}.previous`;
    if (replacing) await attempt(`could not move the previous site ${out} aside`, () => rename(out, previous));
    await attempt(`could not move the new site into ${out}`, () => rename(building, out)).catch(async (error: unknown) => {
      if (replacing) await rename(previous, out);
      throw error;
    });
    if (replacing)
      await attempt(`wrote the new site in ${out}, but could not remove the previous one, moved aside to ${previous}`, () => removeFolder(previous));
    return count;
  } finally {
    await rm(building, { recursive: true, force: true });
  }
}

/**
 * Writes the files as they come, one at a time, each folder made once: a file is written as soon as
 * it is rendered and can be forgotten at once, so the memory a build takes does not grow with the
 * site (files in flight on the thread pool live long enough to be kept until a full collection).
 */
function writeFiles(folder: string, files: Iterable<[string, string | Iterable<string>]>): number {
  const folders = new Set<string>();
  let count = 0;
  for (const [path, content] of files) {
    const parent = dirname(join(folder, path));
    if (!folders.has(parent)) {
      mkdirSync(parent, { recursive: true });
      folders.add(parent);
    }
    if (typeof content === 'string') writeFileSync(join(folder, path), content);
    else writeParts(join(folder, path), content);
    count++;
  }
  return count;
}

/** Writes a file's text part by part, as the parts are made. */
function writeParts(path: string, parts: Iterable<string>): void {
  const file = openSync(path, 'w');
  try {
    for (const part of parts) {
      const bytes = Buffer.from(part);
      for (let written = 0; written < bytes.length;) written += writeSync(file, bytes, written);
    }
  } finally {
    closeSync(file);
  }
}

/**
 * Removes a folder and everything in it (links are removed, never followed), up to
 * REMOVALS_AT_ONCE files at a time. Node's `rm` starts the removal of every file in a folder at
 * once: a site's 100,000 pending removals were kept until a full collection, at the build's peak.
 */
async function removeFolder(folder: string): Promise<void> {
  const entries = await readdir(folder, { withFileTypes: true });
  let next = 0;
  const worker = async () => {
    while (next < entries.length) {
      const entry = entries[next++]!;
      const path = join(folder, entry.name);
      await (entry.isDirectory() ? removeFolder(path) : unlink(path));
    }
  };
  await Promise.all(Array.from({ length: REMOVALS_AT_ONCE }, worker));
  await rmdir(folder);
}

const REMOVALS_AT_ONCE = 16;

async function checkReplaceable(out: string, mark: string): Promise<void> {
  const info = await stat(out);
  if (!info.isDirectory()) throw new SiteWriteError(`${out} is a file, not a folder: name a folder for the site with --out`);
  const entries = await readdir(out);
  if (entries.length > 0 && !existsSync(join(out, mark))) {
    throw new SiteWriteError(`${out} is not empty and holds nothing incidents wrote (no ${mark}): it is left alone; name an empty or new folder with --out`);
  }
}

async function attempt<T>(what: string, action: () => Promise<T>): Promise<T> {
  try {
    return await action();
  } catch (error) {
    if (error instanceof SiteWriteError) throw error;
    throw new SiteWriteError(`${what}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}
