import type { WriteReport } from './report.js';
import { writeText } from './text.js';

/** `markdown`, for a job summary or a page: the report's Markdown on stdout; findings alone as `text` prints them. */
export const writeMarkdown: WriteReport = async (report, context) => {
  if (report.markdown === undefined) return writeText(report, context);
  context.stdout(report.markdown);
};
