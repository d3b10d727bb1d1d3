import { UsageError } from '../core/errors.js';
import type { Finding, Source } from '../core/findings.js';
import type { Config } from '../core/records/types.js';
import { checkConfig } from '../core/records/validate.js';
import { CONFIG_FILE, readRepository, streamRepository, type RepositoryFiles, type RepositoryStream } from '../io/repository/read-repository.js';
import type { Reporter } from '../reporters/index.js';
import type { CommandContext } from './context.js';

/**
 * Reads a repository's files and its valid config (and where its keys are, for findings), which
 * every other check stands on, with the config's warnings. When the config is missing, unreadable
 * or invalid, reports why and returns undefined (the command exits 2).
 */
export async function readRepositoryWithConfig(
  command: string,
  root: string,
  reporter: Reporter,
  context: CommandContext,
): Promise<WithConfig<RepositoryFiles> | undefined> {
  return withConfig(command, root, await readRepository(root), reporter, context);
}

/** readRepositoryWithConfig for the commands that read every record once: the files are read as checkRecords takes them. */
export function streamRepositoryWithConfig(
  command: string,
  root: string,
  reporter: Reporter,
  context: CommandContext,
): Promise<WithConfig<RepositoryStream> | undefined> {
  return withConfig(command, root, streamRepository(root), reporter, context);
}

type WithConfig<Files> = { config: Config; configSource: Source; configWarnings: Finding[]; files: Files };

async function withConfig<Files extends Pick<RepositoryFiles, 'config' | 'findings'>>(
  command: string,
  root: string,
  files: Files,
  reporter: Reporter,
  context: CommandContext,
): Promise<WithConfig<Files> | undefined> {
  const unreadable = files.findings.filter((finding) => finding.path === CONFIG_FILE);
  if (unreadable.length > 0) {
    await reporter.write({ command, findings: unreadable }, context);
    return undefined;
  }
  if (!files.config) throw new UsageError(`incidents ${command}: no ${CONFIG_FILE} in ${root}: run it in an incident repository, or name one with --root DIR`);
  const { config, findings } = checkConfig(files.config);
  if (!config) {
    await reporter.write({ command, findings }, context);
    context.stderr(`${CONFIG_FILE} is not valid: fix it first, then the records are checked.\n`);
    return undefined;
  }
  return { config: config.data, configSource: config, configWarnings: findings, files };
}
