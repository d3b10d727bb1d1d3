import { checkConfig } from '../records/validate.js';
import { RECORD_FOLDERS } from '../records/kinds.js';
import type { ActionRef } from './action-ref.js';
import { issueForm, type FormService } from './issue-form.js';
import { pinWorkflow } from './pin-workflow.js';

/** A file to write, its path relative to the new repository. */
export interface TextFile {
  path: string;
  text: string;
}

/** What the toolkit ships that a new repository starts from. */
export interface StarterSources {
  /** The commented starter config (templates/init/incidents.config.yml). */
  config: string;
  /** The toolkit's own workflows that a team's repository runs, each with its `uses: ./` steps. */
  workflows: readonly TextFile[];
  /** The JSON Schemas, for editors. */
  schemas: readonly TextFile[];
}

/** What the team chose; what is not given keeps the starter config's value. */
export interface StarterChoices {
  action: ActionRef;
  approvers: readonly string[];
  pageName?: string;
  pageUrl?: string;
}

export const CONFIG_PATH = 'incidents.config.yml';

/**
 * What stands for the approvers until `--approver` names them: a team, which the schema takes and
 * which never approves (a login placeholder could be registered by anyone), and `validate` warns.
 */
export const APPROVER_PLACEHOLDER = '@your-org/approvers';

/** The starter config's page name and address, each written once, double-quoted. */
const STARTER_PAGE = { name: 'Status', url: 'https://status.example.com' };

/**
 * The starter config with the team's choices. JSON strings are YAML double-quoted scalars, and a
 * replacer function takes them literally, so whatever a value holds stays one value.
 */
export function starterConfig(template: string, choices: StarterChoices): string {
  const owners = choices.approvers.length > 0 ? choices.approvers : [APPROVER_PLACEHOLDER];
  const quote = (value: string) => JSON.stringify(value);
  const literally = (text: string) => () => text;
  return template
    .replaceAll(quote(APPROVER_PLACEHOLDER), literally(owners.map(quote).join(', ')))
    .replace(`name: ${quote(STARTER_PAGE.name)}`, literally(`name: ${quote(choices.pageName ?? STARTER_PAGE.name)}`))
    .replace(`url: ${quote(STARTER_PAGE.url)}`, literally(`url: ${quote(choices.pageUrl ?? STARTER_PAGE.url)}`));
}

/**
 * Every file of a new incident repository: the config, a kept-empty folder per record kind, the
 * schemas its editor association points at, the workflows pinned to the Action, CODEOWNERS and the
 * issue form, which offers the services of `config` (the starter's, or the team's own kept one).
 * Pure: the caller reads the sources and writes what is new.
 */
export function starterFiles(sources: StarterSources, choices: StarterChoices, config: string): TextFile[] {
  const owners = choices.approvers.length > 0 ? choices.approvers : [APPROVER_PLACEHOLDER];
  return [
    { path: CONFIG_PATH, text: config },
    ...RECORD_FOLDERS.map((folder) => ({ path: `${folder}/.gitkeep`, text: '' })),
    ...sources.schemas.map((schema) => ({ path: `schemas/${schema.path}`, text: schema.text })),
    ...sources.workflows.map((workflow) => ({ path: `.github/workflows/${workflow.path}`, text: pinWorkflow(workflow.path, workflow.text, choices.action) })),
    { path: '.github/CODEOWNERS', text: codeOwners(owners) },
    { path: '.github/ISSUE_TEMPLATE/report-an-incident.yml', text: issueForm(servicesOf(config) ?? servicesOf(sources.config)!) },
    {
      path: '.gitignore',
      text: '# What `incidents build` writes (the workflow publishes site/; site-internal/ is for employees only) and what npm installs: git keeps none.\n/site/\n/site-internal/\nnode_modules/\n',
    },
  ];
}

/** The services of a config that passes its checks; undefined for one that does not. */
export function servicesOf(config: string): FormService[] | undefined {
  return checkConfig({ path: CONFIG_PATH, text: config }).config?.data.services;
}

/** Code owners for what the gate stands on: the workflows, the config (which names the approvers) and the schemas editors use. */
function codeOwners(owners: readonly string[]): string {
  const who = owners.join(' ');
  return [
    '# Made by incidents init. With branch protection\'s "Require review from Code Owners", these people',
    '# must approve any change to the workflows, the config (which names the approvers) and the schemas.',
    `/.github/ ${who}`,
    `/incidents.config.yml ${who}`,
    `/schemas/ ${who}`,
    '',
  ].join('\n');
}
