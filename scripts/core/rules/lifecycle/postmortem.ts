import { findingAt, findingAtPosition } from '../../findings.js';
import { findPostmortemGaps } from '../../gate/postmortem-readiness.js';
import { changesEntering, type ChangeRule } from '../../gate/pull-request.js';

/**
 * Closing an incident whose priority is in postmortem_required needs its postmortem published,
 * with every section written and every action item owned, typed, prioritized, dated and linked.
 * The priority is the higher of the base's and the head's, so lowering it while closing skips nothing.
 */
export const lifecyclePostmortem: ChangeRule = {
  id: 'lifecycle/postmortem',
  check(pullRequest) {
    const required = pullRequest.policy.postmortem_required ?? [];
    return changesEntering(pullRequest, ['closed']).flatMap(({ base, head: record }) => {
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
        ...gaps.map((gap) =>
          'key' in gap
            ? findingAt(postmortem, gap.key, this.id, `${why}: ${gap.message}`, { at: 'key' })
            : findingAtPosition(postmortem.path, gap, this.id, `${why}: ${gap.message}`),
        ),
      ];
    });
  },
};
