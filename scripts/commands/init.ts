import { resolve } from 'node:path';
import { UsageError } from '../core/errors.js';
import { actionRef, formatActionRef, isCommit } from '../core/init/action-ref.js';
import { APPROVER_PLACEHOLDER, starterFiles } from '../core/init/starter-files.js';
import { publishedAction, readStarterSources } from '../io/package-files.js';
import { writeNewFiles } from '../io/write-new-files.js';
import { EXIT, parseOptions, type CommandContext } from './context.js';
import type { CommandHelp } from './help.js';

const HANDLE = /^@[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/;

export const INIT_HELP: CommandHelp = {
  brief: 'start a new incident repository',
  usage: 'incidents init [DIR] [--name NAME] [--url URL] [--approver @LOGIN]… [--ref REF] [--action-repo OWNER/REPO]',
  summary:
    'Writes what a team\'s incident repository needs into DIR (default: the current folder): a commented incidents.config.yml, the record folders, the schemas for editors, the workflows (validate, gate, SLA, status page) running the Action pinned at a ref, CODEOWNERS and a "Report an incident" issue form. Never overwrites: files already there are listed and left alone.',
  options: [
    ['--name NAME', "the status page's title (default: Status)"],
    ['--url URL', 'where the status page will be published, e.g. https://acme.github.io/incidents/ (default: https://status.example.com, to replace)'],
    ['--approver @LOGIN', `who may approve resolutions and owns the workflows and config, repeatable (default: ${APPROVER_PLACEHOLDER}, to replace)`],
    ['--ref REF', "the Action's tag or, better, full commit SHA the workflows pin (default: this version's tag)"],
    ['--action-repo OWNER/REPO', "where the Action is published, e.g. your fork (default: the package's repository)"],
  ],
  example:
    'incidents init ops-incidents --name "Acme Status" --url https://status.acme.example --approver @alice --approver @bob --ref 0123456789abcdef0123456789abcdef01234567',
  exits: '0 written (files already there kept), 2 something is in the way of a file, or a usage error',
};

/** `incidents init [DIR]`: a new incident repository that validates clean and builds an all-operational page. */
export async function initCommand(args: string[], context: CommandContext): Promise<number> {
  const { values, positionals } = parseOptions(
    'init',
    args,
    {
      name: { type: 'string' },
      url: { type: 'string' },
      approver: { type: 'string', multiple: true },
      ref: { type: 'string' },
      'action-repo': { type: 'string' },
    },
    true,
  );
  if (positionals.length > 1) throw new UsageError(`incidents init: one folder at most, got ${positionals.join(' ')}`);
  const approvers = values.approver ?? [];
  const wrong = approvers.find((handle) => !HANDLE.test(handle));
  if (wrong !== undefined)
    throw new UsageError(`incidents init: --approver "${wrong}" is not a GitHub login written @login (teams cannot approve: name people)`);
  const published = await publishedAction();
  const action = actionRef(values['action-repo'] ?? published.repository, values.ref ?? published.ref);

  if (values.name !== undefined && values.name.trim() === '') throw new UsageError('incidents init: --name is empty: give the status page a title');
  if (values.url !== undefined && !isWebAddress(values.url))
    throw new UsageError(`incidents init: --url "${values.url}" is not an http(s) address, e.g. https://status.acme.example`);

  const root = resolve(context.cwd, positionals[0] ?? '.');
  const files = starterFiles(await readStarterSources(), { action, approvers, pageName: values.name, pageUrl: values.url });
  const outcome = await writeNewFiles(root, files);

  const list = (paths: readonly string[]) => paths.map((path) => `  ${path}\n`).join('');
  context.stdout(`Wrote ${outcome.written.length} files in ${root}:\n${list(outcome.written)}`);
  if (outcome.kept.length > 0) context.stdout(`Kept ${outcome.kept.length} files that were there, unchanged:\n${list(outcome.kept)}`);
  if (outcome.blocked.length > 0) {
    context.stderr(
      `Could not write ${outcome.blocked.length} files, so the repository is incomplete:\n${outcome.blocked.map(({ path, reason }) => `  ${path}: ${reason}\n`).join('')}`,
    );
    return EXIT.error;
  }
  if (approvers.length === 0)
    context.stderr(
      `Approvers and code owners are ${APPROVER_PLACEHOLDER}: replace it in incidents.config.yml and .github/CODEOWNERS (or run init with --approver @LOGIN in an empty folder).\n`,
    );
  if (!isCommit(action))
    context.stderr(
      `The workflows run ${formatActionRef(action)}, a tag or branch that can be moved: pin a full commit SHA with --ref (or edit the uses: lines).\n`,
    );
  context.stdout(
    [
      'Next:',
      '  1. Describe your services, calendars, SLA and escalation in incidents.config.yml; check it with: incidents validate',
      '  2. Commit and push. Protect the default branch: pull requests, review from code owners, and the checks',
      '     "Validate records / validate" and "Incident gate / gate".',
      '  3. For the status page, set Settings → Pages → Source to "GitHub Actions".',
      '  4. Record an incident on a branch: incidents new --title "…" --service ID --impact high --urgency high',
      '',
    ].join('\n'),
  );
  return EXIT.clean;
}

function isWebAddress(text: string): boolean {
  return URL.canParse(text) && ['http:', 'https:'].includes(new URL(text).protocol);
}
