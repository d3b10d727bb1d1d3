import { findingAt, findingAtPosition, type Finding } from '../../findings.js';
import { BODY_BOUNDS, checkMarkdownBounds, describeExcess, TEXT_BOUNDS } from '../../markdown-bounds.js';
import type { RecordRule } from '../../records/record-set.js';
import { summarySection } from '../../status/postmortem-summary.js';

/**
 * Every text that is published as Markdown (each update's message, a known error's workaround, a
 * postmortem's Summary) and every postmortem body (which the gate and the build parse) stays within
 * the bounds of core/markdown-bounds.ts, so that one record can never crash or stall the build of
 * the status page. Checked whatever the visibility, since that can change without another look.
 */
export const markdownBounds: RecordRule = {
  id: 'record/markdown-bounds',
  check({ incidents, knownErrors, postmortems }) {
    const fix = 'the page could not show it; write it flatter or shorter, or link to a longer document';
    return [
      ...incidents.flatMap((record) =>
        record.data.updates.flatMap((update, index) => {
          const excess = checkMarkdownBounds(update.message, TEXT_BOUNDS);
          return excess ? [findingAt(record, ['updates', index, 'message'], this.id, `updates[${index}].message ${describeExcess(excess)}: ${fix}`)] : [];
        }),
      ),
      ...knownErrors.flatMap((record) => {
        const excess = checkMarkdownBounds(record.data.workaround, TEXT_BOUNDS);
        return excess ? [findingAt(record, ['workaround'], this.id, `The workaround ${describeExcess(excess)}: ${fix}`)] : [];
      }),
      ...postmortems.flatMap((record): Finding[] => {
        const atBody = (line: number) => ({ line: record.bodyLine + line - 1, column: 1 });
        const excess = checkMarkdownBounds(record.body, BODY_BOUNDS);
        if (excess)
          return [findingAtPosition(record.path, atBody(excess.line), this.id, `The postmortem's body ${describeExcess(excess, { line: false })}: ${fix}`)];
        // A body within TEXT_BOUNDS holds a Summary within them: parse only the longer ones.
        if (!checkMarkdownBounds(record.body, TEXT_BOUNDS)) return [];
        const summary = summarySection(record.body);
        const inSummary = summary && checkMarkdownBounds(summary.text, TEXT_BOUNDS);
        if (!summary || !inSummary) return [];
        return [
          findingAtPosition(
            record.path,
            atBody(summary.line + inSummary.line - 1),
            this.id,
            `The "## Summary" section, which is published, ${describeExcess(inSummary, { line: false })}: ${fix}`,
          ),
        ];
      }),
    ];
  },
};
