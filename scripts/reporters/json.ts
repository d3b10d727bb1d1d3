import { toJsonFinding } from '../core/findings.js';
import { writeJsonInPieces } from './json-writer.js';
import type { WriteReport } from './report.js';

/**
 * `json`, for scripts: `{"findings": […]}` and the report's extra keys, or its own document, on stdout.
 * A `[` after `##` is written `\u005b` (the same JSON), so no string is a legacy workflow command
 * (`##[add-mask]…`) when a runner reads the output; JSON puts no text at the start of a line.
 */
export const writeJson: WriteReport = async (report, context) => {
  const json = report.json ?? { extra: {} };
  const document = 'document' in json ? json.document : { findings: (report.findings ?? []).map(toJsonFinding), ...json.extra };
  writeJsonInPieces(document, context.stdout, (json) => json.replaceAll('##[', '##\\u005b'));
  context.stdout('\n');
};
