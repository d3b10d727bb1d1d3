import { mkdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { UsageError } from '../core/errors.js';
import { formatFinding, hasErrors } from '../core/findings.js';
import { actionRef, formatActionRef, isCommit } from '../core/init/action-ref.js';
import { APPROVER_PLACEHOLDER, CONFIG_PATH, servicesOf, starterConfig, starterFiles, type StarterChoices } from '../core/init/starter-files.js';
import { checkConfig } from '../core/records/validate.js';
import { publishedAction, readStarterSources } from '../io/package-files.js';
import { currentBranch } from '../io/repository/git.js';
import { writeNewFiles } from '../io/write-new-files.js';
import { EXIT, parseOptions, type CommandContext } from './context.js';
import type { CommandHelp } from './help.js';

const HANDLE = /^@[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/;
/** The branch the starter workflows publish from and validate pushes to. */
const PUBLISHING_BRANCH = 'main';

export const INIT_HELP: CommandHelp = {
  brief: 'start a new incident repository',
  usage: 'incidents init [DIR] [--name NAME] [--url URL] [--approver @LOGIN]… [--ref REF] [--action-repo OWNER/REPO]',
  summary:
    'Writes what a team\'s incident repository needs into DIR (default: the current folder): a commented incidents.config.yml, the record folders, the schemas for editors, the workflows (validate, gate, SLA, status page, intake) running the Action pinned at a ref, CODEOWNERS and a "Report an incident" issue form. Never overwrites: files already there are listed and left alone.',
  options: [
    ['--name NAME', "the status page's title (default: Status)"],
    ['--url URL', 'where the status page will be published, e.g. https://acme.github.io/incidents/ (default: https://status.example.com, to replace)'],
    [
      '--approver @LOGIN',
      `who may approve resolutions and owns the workflows and config, repeatable (default: ${APPROVER_PLACEHOLDER}, a team that never approves: replace it)`,
    ],
    ['--ref REF', "the Action's full commit SHA (best) or tag the workflows pin (default: this version's tag)"],
    ['--action-repo OWNER/REPO', "where the Action is published, e.g. your fork (default: the package's repository)"],
  ],
  example:
    'incidents init ops-incidents --name "Acme Status" --url https://status.acme.example --approver @alice --approver @bob --ref 0123456789abcdef0123456789abcdef01234567',
  exits: '0 written (files already there kept), 2 a usage error (nothing written) or something in the way of a file',
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
  const approvers = checkApprovers(values.approver ?? []);
  if (values.name !== undefined && (values.name.trim() === '' || /\p{Cc}/u.test(values.name)))
    throw new UsageError("incidents init: --name must be one line of text: the status page's title");
  const published = publishedAction();
  const choices = {
    action: actionRef(values['action-repo'] ?? published.repository, values.ref ?? published.ref),
    approvers,
    pageName: values.name,
    pageUrl: values.url,
  };

  const root = resolve(context.cwd, positionals[0] ?? '.');
  const sources = await readStarterSources();
  const keptConfig = await readFile(join(root, CONFIG_PATH), 'utf8').catch(() => undefined);
  const config = keptConfig ?? starterConfig(sources.config, choices);
  if (keptConfig === undefined) refuseInvalid(config);
  await mkdir(root, { recursive: true });
  const outcome = await writeNewFiles(root, starterFiles(sources, choices, config));

  const files = (count: number) => `${count} ${count === 1 ? 'file' : 'files'}`;
  const list = (paths: readonly string[]) => paths.map((path) => `  ${path}\n`).join('');
  context.stdout(`Wrote ${files(outcome.written.length)} in ${root}:\n${list(outcome.written)}`);
  if (outcome.kept.length > 0) context.stdout(`Kept ${files(outcome.kept.length)} that were there, unchanged:\n${list(outcome.kept)}`);
  if (outcome.blocked.length > 0) {
    context.stderr(
      `Could not write ${files(outcome.blocked.length)}, so the repository is incomplete:\n${outcome.blocked.map(({ path, reason }) => `  ${path}: ${reason}\n`).join('')}`,
    );
    return EXIT.error;
  }
  for (const warning of warnings(outcome.written, choices, keptConfig, await currentBranch(root))) context.stderr(`${warning}\n`);
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

/** Approvers are people, each once. */
function checkApprovers(approvers: readonly string[]): string[] {
  const seen = new Set<string>();
  for (const handle of approvers) {
    if (!HANDLE.test(handle))
      throw new UsageError(`incidents init: --approver "${handle}" is not a GitHub login written @login (teams cannot approve: name people)`);
    if (seen.has(handle.toLowerCase())) throw new UsageError(`incidents init: --approver ${handle} is given twice`);
    seen.add(handle.toLowerCase());
  }
  return [...approvers];
}

/** The config about to be written passes validate, or nothing is written: the values typed are checked as the config is. */
function refuseInvalid(config: string): void {
  const { findings } = checkConfig({ path: CONFIG_PATH, text: config });
  if (hasErrors(findings))
    throw new UsageError(
      `incidents init: these values would make ${CONFIG_PATH} invalid:\n${findings.map((finding) => `  ${formatFinding(finding)}`).join('\n')}`,
    );
}

/** What the team should know about what was written: placeholders left, a movable pin, options a kept config ignored, the branch. */
function* warnings(written: readonly string[], choices: StarterChoices, keptConfig: string | undefined, branch: string | undefined) {
  const wrote = (path: string) => written.includes(path);
  if (choices.approvers.length === 0 && (wrote(CONFIG_PATH) || wrote('.github/CODEOWNERS')))
    yield `Approvers and code owners are ${APPROVER_PLACEHOLDER}, a placeholder that never approves: name people in incidents.config.yml and .github/CODEOWNERS (or run init with --approver @LOGIN in an empty folder).`;
  if (!isCommit(choices.action) && written.some((path) => path.startsWith('.github/workflows/')))
    yield `The workflows run ${formatActionRef(choices.action)}: a tag or branch, which may not exist where you get the Action from, and can be moved. Pin a full commit SHA with --ref (or edit the uses: lines).`;
  const given = [choices.pageName !== undefined && '--name', choices.pageUrl !== undefined && '--url', choices.approvers.length > 0 && '--approver'].filter(
    Boolean,
  );
  if (keptConfig !== undefined && given.length > 0) yield `${CONFIG_PATH} was there and is kept as it is: ${given.join(', ')} went into no config.`;
  if (keptConfig !== undefined && servicesOf(keptConfig) === undefined && wrote('.github/ISSUE_TEMPLATE/report-an-incident.yml'))
    yield `${CONFIG_PATH} does not pass validate, so the issue form offers the starter's services: fix the config, then edit .github/ISSUE_TEMPLATE/report-an-incident.yml.`;
  if (branch !== undefined && branch !== PUBLISHING_BRANCH)
    yield `This repository is on ${branch}; the workflows publish and validate pushes on ${PUBLISHING_BRANCH}: rename it (git branch -m ${PUBLISHING_BRANCH}) or edit branches: in .github/workflows.`;
}
