import { parse } from 'yaml';
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
  /** The toolkit's own workflows, which run its Action as `./`. */
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

/** What stands for the approvers in the starter config until `--approver` names them. */
export const APPROVER_PLACEHOLDER = '@your-github-login';

/** The starter config's page name and address, each written once, double-quoted. */
const STARTER_PAGE = { name: 'Status', url: 'https://status.example.com' };

/**
 * Every file of a new incident repository: the config with its approvers, a kept-empty folder per
 * record kind, the schemas its editor association points at, the workflows pinned to the Action,
 * CODEOWNERS and the issue form. Pure: the caller reads the sources and writes what is new.
 */
export function starterFiles(sources: StarterSources, choices: StarterChoices): TextFile[] {
  const owners = choices.approvers.length > 0 ? choices.approvers : [APPROVER_PLACEHOLDER];
  // JSON strings are YAML double-quoted scalars: whatever the name holds stays one value.
  const config = sources.config
    .replaceAll(JSON.stringify(APPROVER_PLACEHOLDER), owners.map((owner) => JSON.stringify(owner)).join(', '))
    .replace(`name: ${JSON.stringify(STARTER_PAGE.name)}`, `name: ${JSON.stringify(choices.pageName ?? STARTER_PAGE.name)}`)
    .replace(`url: ${JSON.stringify(STARTER_PAGE.url)}`, `url: ${JSON.stringify(choices.pageUrl ?? STARTER_PAGE.url)}`);
  const services = (parse(config) as { services: FormService[] }).services;
  return [
    { path: 'incidents.config.yml', text: config },
    ...RECORD_FOLDERS.map((folder) => ({ path: `${folder}/.gitkeep`, text: '' })),
    ...sources.schemas.map((schema) => ({ path: `schemas/${schema.path}`, text: schema.text })),
    ...sources.workflows.flatMap((workflow) => {
      const text = pinWorkflow(workflow.text, choices.action);
      return text === undefined ? [] : [{ path: `.github/workflows/${workflow.path}`, text }];
    }),
    { path: '.github/CODEOWNERS', text: codeOwners(owners) },
    { path: '.github/ISSUE_TEMPLATE/report-an-incident.yml', text: issueForm(services) },
    {
      path: '.gitignore',
      text: '# What `incidents build` writes (the workflow publishes it) and what npm installs: git keeps neither.\n/site/\nnode_modules/\n',
    },
  ];
}

/** Code owners for what decides the gate: the workflows, the config (approvers) and the schemas. */
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
