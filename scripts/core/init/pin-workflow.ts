import { formatActionRef, isCommit, type ActionRef } from './action-ref.js';

/** A step that runs the toolkit's own Action from the checkout: `uses: ./`, with or without a comment. */
const LOCAL_ACTION = /^(\s*(?:- )?uses: )\.\/(?:\s+#.*)?$/gm;

/**
 * A workflow of the toolkit's own repository, made to run the published Action pinned at a ref
 * instead of `./`. Returns undefined when the workflow has no `./` step (nothing to pin).
 */
export function pinWorkflow(text: string, action: ActionRef): string | undefined {
  const comment = isCommit(action) ? 'Incidents as code, pinned by its commit' : 'Incidents as code; pin a full commit SHA so nobody can move it';
  const pinned = text.replace(LOCAL_ACTION, (_line, start: string) => `${start}${formatActionRef(action)} # ${comment}`);
  return pinned === text ? undefined : pinned;
}
