import { UsageError } from '../errors.js';

/** The Action a team's workflows run: a GitHub repository and the ref they pin it at. */
export interface ActionRef {
  repository: string;
  ref: string;
}

const REPOSITORY = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})\/(?!\.{1,2}$)[A-Za-z0-9._-]{1,100}$/;
// A branch, tag or commit as git allows them, kept to characters that stay inert in YAML.
const REF = /^(?![./-])(?!.*\.\.)[A-Za-z0-9._/-]{1,100}(?<![./])$/;
const COMMIT = /^[0-9a-f]{40}$/;

/** Checks the repository and ref given to `init`; they are written into workflows, so nothing else passes. */
export function actionRef(repository: string, ref: string): ActionRef {
  if (!REPOSITORY.test(repository)) throw new UsageError(`incidents init: --action-repo "${repository}" is not OWNER/REPO, e.g. your-org/incidents-as-code`);
  if (!REF.test(ref)) throw new UsageError(`incidents init: --ref "${ref}" is not a git tag, branch or commit SHA, e.g. v1.2.0`);
  return { repository, ref };
}

/** Whether the ref is a full commit SHA, the only pin nobody can move. */
export function isCommit(action: ActionRef): boolean {
  return COMMIT.test(action.ref);
}

export function formatActionRef(action: ActionRef): string {
  return `${action.repository}@${action.ref}`;
}
