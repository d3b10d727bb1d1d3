import { formatActionRef, isCommit, type ActionRef } from './action-ref.js';

/** A step that runs the toolkit's own Action from the checkout: `uses: ./`, quoted or not, with or without a comment. */
const LOCAL_ACTION = /^(\s*(?:-\s+)?uses:\s*)(["']?)\.\/\2(?:\s+#.*)?[ \t]*$/gm;
const ANY_LOCAL_ACTION = /uses:\s*["']?\.\//;

/**
 * One of the toolkit's own workflows, made to run the published Action pinned at a ref instead of
 * `./`. Throws when it has no `./` step, or one this cannot pin: a half-pinned workflow never ships.
 */
export function pinWorkflow(name: string, text: string, action: ActionRef): string {
  const comment = isCommit(action) ? 'Incidents as code, pinned by its commit' : 'Incidents as code; pin a full commit SHA so nobody can move it';
  const pinned = text.replace(LOCAL_ACTION, (_line, start: string) => `${start}${formatActionRef(action)} # ${comment}`);
  if (pinned === text || ANY_LOCAL_ACTION.test(pinned.replace(/^\s*#.*$/gm, '')))
    throw new Error(`the starter workflow ${name} has a uses: ./ step that cannot be pinned`);
  return pinned;
}
