import { isDeepStrictEqual } from 'node:util';
import { findingAt } from '../../findings.js';
import { PROBLEM_TRANSITIONS } from '../../gate/problem-lifecycle.js';
import type { ChangeRule } from '../../gate/pull-request.js';

/** A closed or cancelled problem is frozen: only its Markdown body may change, so what the report counted stays counted. */
export const lifecycleProblemFrozen: ChangeRule = {
  id: 'lifecycle/problem-frozen',
  check(pullRequest) {
    return pullRequest.problems.flatMap(({ base, head }) => {
      if (!base || !head || PROBLEM_TRANSITIONS[base.data.status].length > 0) return [];
      const before: Record<string, unknown> = { ...base.data };
      const after: Record<string, unknown> = { ...head.data };
      const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((key) => !isDeepStrictEqual(before[key], after[key]));
      return keys.map((key) =>
        findingAt(
          head,
          [key in after ? key : 'status'],
          this.id,
          `${head.data.id} is ${base.data.status}, so its frontmatter is frozen, but ${key} changed: only its Markdown body may still change; open a new problem for what is new`,
        ),
      );
    });
  },
};
