import { findingAt, type Finding } from '../../findings.js';
import { isOpenProblem } from '../../gate/problem-lifecycle.js';
import type { RecordRule } from '../../records/record-set.js';

/**
 * An incident on hold with hold_reason awaiting_problem is listed by an open problem: its SLA clocks
 * pause for that problem, so the problem must exist and still be worked on. When the problem is
 * resolved, closed or cancelled, the problem is told too, so that the pull request that ends it sees it.
 */
export const awaitingProblem: RecordRule = {
  id: 'record/awaiting-problem',
  check({ incidents, problems }) {
    return incidents.flatMap((record): Finding[] => {
      const { id, status, hold_reason } = record.data;
      if (status !== 'on_hold' || hold_reason !== 'awaiting_problem') return [];
      const listing = problems.filter((problem) => (problem.data.incidents ?? []).includes(id));
      if (listing.some((problem) => isOpenProblem(problem.data))) return [];
      if (listing.length === 0)
        return [
          findingAt(
            record,
            ['hold_reason'],
            this.id,
            `${id} is on hold awaiting a problem, but no problem lists it: add ${id} to the incidents of its problem in problems/, or write one with incidents new --type problem --incident ${id}`,
          ),
        ];
      return listing.flatMap((problem) => {
        const why = `${problem.data.id} is ${problem.data.status}, but ${id} is still on hold awaiting it`;
        return [
          findingAt(record, ['hold_reason'], this.id, `${why}: move ${id} on (back to investigating or identified, or resolved)`),
          findingAt(problem, ['status'], this.id, `${why}: move ${id} on before the problem ends, or keep the problem open`),
        ];
      });
    });
  },
};
