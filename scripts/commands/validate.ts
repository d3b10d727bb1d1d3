import { UsageError } from '../core/errors.js';
import { checkRepositoryRecords } from '../io/check-in-threads.js';
import { isAbsolute, relative, resolve } from 'node:path';
import { existsSync } from 'node:fs';
import { hasErrors, sortFindings } from '../core/findings.js';
import { KIND_NAMES, RECORD_FOLDERS } from '../core/records/kinds.js';
import { CONFIG_FILE, findRoot } from '../io/repository/read-repository.js';
import { chooseReporter } from '../reporters/index.js';
import { EXIT, parseOptions, type CommandContext } from './context.js';
import { streamRepositoryWithConfig } from './read-config.js';
import { formatOption, ROOT_OPTION, type CommandHelp } from './help.js';

export const VALIDATE_HELP: CommandHelp = {
  brief: 'check the config and every record',
  usage: 'incidents validate [paths…] [--root DIR] [--format text|json|github]',
  summary:
    'Checks incidents.config.yml, then every record against its schema and the rules across records. With paths, reports only the findings in those files or folders (every record is still read).',
  options: [ROOT_OPTION, formatOption(['text', 'json', 'github'])],
  example: 'incidents validate incidents/INC-2026-0007.md',
};

/**
 * `incidents validate [paths…]`: checks the config, then every record against its schema and the
 * cross-record rules, and reports the findings in the given paths (all, by default).
 * Exit 0 clean, 1 findings, 2 when the config is missing or invalid.
 */
export async function validateCommand(args: string[], context: CommandContext): Promise<number> {
  const { values, positionals } = parseOptions('validate', args, { root: { type: 'string' }, format: { type: 'string' } }, true);
  const reporter = chooseReporter('validate', values.format);
  const root = findRoot('validate', context.cwd, values.root);
  const inPaths = pathFilter(
    root,
    positionals.map((path) => resolve(context.cwd, path)),
  );

  const repository = await streamRepositoryWithConfig('validate', root, reporter, context);
  if (!repository) return EXIT.error;
  const { files } = repository;
  const { records, findings } = await checkRepositoryRecords(repository.config, files);
  const shown = sortFindings([...files.findings, ...repository.configWarnings, ...findings]).filter((finding) => inPaths(finding.path));
  const count = KIND_NAMES.reduce((sum, kind) => sum + records[kind].length, 0);
  await reporter.write({ command: 'validate', findings: shown, clean: `${count} ${count === 1 ? 'record' : 'records'} valid.` }, context);
  return hasErrors(shown) ? EXIT.findings : EXIT.clean;
}

/** Which finding paths (relative to the root) fall inside the paths given on the command line. */
function pathFilter(root: string, paths: string[]): (path: string) => boolean {
  const prefixes = paths.map((path) => {
    const inside = relative(root, path).replaceAll('\\', '/');
    if (inside.startsWith('..') || isAbsolute(inside)) throw new UsageError(`incidents validate: ${path} is outside the repository ${root}`);
    if (!existsSync(path)) throw new UsageError(`incidents validate: ${path} does not exist`);
    const isRecordPlace = inside === '' || inside === CONFIG_FILE || RECORD_FOLDERS.some((folder) => inside === folder || inside.startsWith(`${folder}/`));
    if (!isRecordPlace)
      throw new UsageError(`incidents validate: ${inside} holds no records: name files or folders in ${RECORD_FOLDERS.join('/, ')}/, or ${CONFIG_FILE}`);
    return inside;
  });
  if (prefixes.length === 0 || prefixes.includes('')) return () => true;
  return (path) => prefixes.some((prefix) => path === prefix || path.startsWith(`${prefix}/`));
}
