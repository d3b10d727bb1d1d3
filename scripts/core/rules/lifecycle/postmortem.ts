import { findingAt, findingAtPosition, type Finding } from '../../findings.js';
import { findPostmortemGaps, type PostmortemGap } from '../../gate/postmortem-readiness.js';
import type { ValidRecord } from '../../records/record-set.js';
import type { Postmortem } from '../../records/types.js';
import { changesEntering, type ChangeRule } from '../../gate/pull-request.js';

/**
 * Closing an incident whose priority is in postmortem_required needs its postmortem published,
 * with every section written and every action item owned, typed, prioritized, dated and linked.
 * The priority is the higher of the base's and the head's, so lowering it while closing skips nothing.
 * Once closed, the postmortem stays so: a later change that leaves gaps (a draft again, a section
 * emptied) is refused.
 */
export const lifecyclePostmortem: ChangeRule = {
  id: 'lifecycle/postmortem',
  check(pullRequest) {
    const required = pullRequest.policy.postmortem_required ?? [];
    const entering = changesEntering(pullRequest, ['closed']);
    const closing = entering.flatMap(({ base, head: record }) => {
      const { id } = record.data;
      const priority = base && base.data.priority < record.data.priority ? base.data.priority : record.data.priority;
      if (!required.includes(priority)) return [];
      const expected = `incidents/${id}.postmortem.md`;
      const postmortem = pullRequest.head.postmortems.find((candidate) => candidate.data.incident === id);
      if (!postmortem) {
        return [
          findingAt(
            record,
            ['status'],
            this.id,
            `Closing a ${priority} incident needs a published postmortem, but ${expected} does not exist or is not valid: write it with its sections (Summary, Impact, Timeline, Root cause, Resolution, Lessons learned) and publish it`,
          ),
        ];
      }
      const gaps = findPostmortemGaps(postmortem);
      if (gaps.length === 0) return [];
      const why = `Closing ${id} (${priority}) needs a complete, published postmortem`;
      return [
        findingAt(record, ['status'], this.id, `${why}: ${postmortem.path} has ${gaps.length} gap${gaps.length === 1 ? '' : 's'}, each marked in it`),
        ...gaps.map((gap) => gapFinding(postmortem, gap, `${why}: ${gap.message}`)),
      ];
    });
    // Incidents closed before this pull request: the ones closing in it are judged above.
    const closingNow = new Set(entering.map(({ head }) => head.data.id));
    const closedIds = new Set(
      pullRequest.head.incidents
        .filter(({ data }) => data.status === 'closed' && required.includes(data.priority) && !closingNow.has(data.id))
        .map(({ data }) => data.id),
    );
    const weakened = pullRequest.postmortems.flatMap(({ base, head }) => {
      if (!base || !head || !closedIds.has(head.data.incident) || findPostmortemGaps(base).length > 0) return [];
      const gaps = findPostmortemGaps(head);
      const why = `${head.data.incident} is closed, and its postmortem must stay complete and published`;
      return gaps.map((gap) => gapFinding(head, gap, `${why}: ${gap.message}`));
    });
    return [...closing, ...weakened];
  },
};

/** A gap of a postmortem as a finding at its key or its line in the body. */
function gapFinding(postmortem: ValidRecord<Postmortem>, gap: PostmortemGap, message: string): Finding {
  return 'key' in gap
    ? findingAt(postmortem, gap.key, lifecyclePostmortem.id, message, { at: 'key' })
    : findingAtPosition(postmortem.path, gap, lifecyclePostmortem.id, message);
}
