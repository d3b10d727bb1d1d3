import { SiteWriteError, UsageError } from '../core/errors.js';
import { checkRepositoryRecords } from '../io/check-in-threads.js';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { findingAt, hasErrors, sortFindings, type Finding } from '../core/findings.js';
import { buildStatusModel, type Audience, type StatusModel } from '../core/status/status-model.js';
import { toMillis } from '../core/time/timestamps.js';
import { publicSiteAround, realPathSoFar, writeSite } from '../io/write-site.js';
import { renderSite } from '../render/site/site.js';
import { NOINDEX } from '../render/site/layout.js';
import { chooseReporter, type Reporter } from '../reporters/index.js';
import { EXIT, parseOptions, type CommandContext } from './context.js';
import { streamRepositoryWithConfig } from './read-config.js';
import { timestampOption } from './record-options.js';
import { AT_OPTION, formatOption, ROOT_OPTION, type CommandHelp } from './help.js';
import { findRoot } from '../io/repository/read-repository.js';

export const BUILD_HELP: CommandHelp = {
  brief: 'the public status site',
  usage: 'incidents build [--out DIR] [--at TIME] [--audience public|internal] [--root DIR] [--format text|json|github]',
  summary:
    'The public status site as it stands at a moment: pages, the Statuspage-compatible API, feeds, a calendar and badges. Records with errors stop the build and leave the previous site untouched. With --audience internal, the same site for employees: internal incidents too, with their commander and communications lead; never a record body or a problem; every page marked noindex; refused inside a public site.',
  options: [
    ['--out DIR', 'where to write the site (default: site/ in the repository; site-internal/ for --audience internal)'],
    AT_OPTION,
    ['--audience A', 'public (default) or internal'],
    ROOT_OPTION,
    formatOption(['text', 'json', 'github']),
  ],
  example: 'incidents build --out site',
  exits: '0 built, 2 records with errors, usage or config error',
};

/**
 * `incidents build [--out DIR] [--at TIME] [--audience A]`: the public status site, its Statuspage
 * API, feeds and badges, as they stand at TIME (default now), written to DIR (default `site/` in the
 * repository); or the internal audience's site (default `site-internal/`), never inside a public one.
 * Records with errors stop the build (exit 2) and leave the previous site as it was.
 */
export async function buildCommand(args: string[], context: CommandContext): Promise<number> {
  const { values } = parseOptions('build', args, {
    out: { type: 'string' },
    at: { type: 'string' },
    audience: { type: 'string' },
    root: { type: 'string' },
    format: { type: 'string' },
  });
  const reporter = chooseReporter('build', values.format);
  const audience = audienceOption(values.audience);
  const root = findRoot('build', context.cwd, values.root);
  const publicOut = join(root, 'site');
  const out = values.out === undefined ? (audience === 'internal' ? join(root, 'site-internal') : publicOut) : resolve(context.cwd, values.out);
  if (audience === 'internal') refusePublicFolder(out, publicOut);
  const at = timestampOption('build', 'at', values.at, new Date());
  const built = await statusModelOf(root, toMillis(at), audience, reporter, context);
  if (typeof built === 'number') return built;
  const { model, findings: all } = built;
  let count: number;
  try {
    count = await writeSite(out, renderSite(model));
  } catch (error) {
    if (!(error instanceof SiteWriteError)) throw error;
    context.stderr(`incidents build: ${error.message}\n`);
    return EXIT.error;
  }
  if (reporter.format !== 'json') await reporter.write({ command: 'build', findings: all, outputs: { indicator: model.indicator } }, context);
  const shown = relative(context.cwd, out);
  context.stderr(`Built ${count} files in ${shown.startsWith('..') || shown === '' ? out : shown} for ${model.at}: ${model.description}.\n`);
  return EXIT.clean;
}

/**
 * Reads and checks the records and builds the status model from them; or reports why the site
 * cannot be built and returns the exit code. Only the model leaves: the records and their texts
 * are garbage once it returns, so the site is rendered without them in memory.
 */
async function statusModelOf(
  root: string,
  now: number,
  audience: Audience,
  reporter: Reporter,
  context: CommandContext,
): Promise<{ model: StatusModel; findings: Finding[] } | number> {
  const repository = await streamRepositoryWithConfig('build', root, reporter, context);
  if (!repository) return EXIT.error;
  const { config } = repository;
  const { records, findings } = await checkRepositoryRecords(config, repository.files);
  const all = sortFindings([...repository.files.findings, ...findings]);
  if (hasErrors(all)) {
    await reporter.write({ command: 'build', findings: all }, context);
    context.stderr(`The site is not built: the records above have errors (the previous site, if any, is untouched).\n`);
    return EXIT.error;
  }
  if (!config.page?.url) {
    const message = `The config has no page.url: the feeds, the calendar and the API's shortlinks need the address the site is published at, e.g. page: {name: Acme Status, url: "https://status.acme.example"}`;
    await reporter.write(
      { command: 'build', findings: [findingAt(repository.configSource, ['page', 'url'], 'build/page-url', message, { at: 'key' })] },
      context,
    );
    return EXIT.error;
  }
  return { model: buildStatusModel(records, now, audience), findings: all };
}

const AUDIENCES: readonly Audience[] = ['public', 'internal'];

function audienceOption(value: string | undefined): Audience {
  if (value === undefined) return 'public';
  if ((AUDIENCES as readonly string[]).includes(value)) return value as Audience;
  throw new UsageError(`incidents build: --audience ${value} is not an audience: expected public or internal`);
}

/**
 * An internal site is never written where the public site is published from: the repository's
 * site/ folder, or any built public site. Paths are compared with their links resolved, so a
 * symbolic link cannot lead into either.
 */
function refusePublicFolder(typedOut: string, typedPublicOut: string): void {
  const [out, publicOut] = [realPathSoFar(typedOut), realPathSoFar(typedPublicOut)];
  const inside = relative(publicOut, out);
  const site = inside === '' || !(inside.startsWith('..') || isAbsolute(inside)) ? publicOut : publicSiteAround(out, NOINDEX);
  if (site)
    throw new UsageError(
      `incidents build: --audience internal will not write into ${site}, a public site's folder: its internal incidents would be published with it; name another folder with --out`,
    );
}
