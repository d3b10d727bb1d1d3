import { SiteWriteError, UsageError } from '../core/errors.js';
import { checkRepositoryRecords } from '../io/check-in-threads.js';
import { dirname, join, resolve } from 'node:path';
import { existsSync } from 'node:fs';
import { buildReport } from '../core/report/report.js';
import { toMillis } from '../core/time/timestamps.js';
import { SITE_MARK, writeSite } from '../io/write-site.js';
import { renderReportPage } from '../render/report/report-page.js';
import { formatMarkdownTables, formatTextTables, reportTables } from '../render/report/report-tables.js';
import { chooseReporter } from '../reporters/index.js';
import { EXIT, parseOptions, type CommandContext } from './context.js';
import { streamRepositoryWithConfig } from './read-config.js';
import { usableRecords } from './usable-records.js';
import { timestampOption } from './record-options.js';
import { AT_OPTION, formatOption, ROOT_OPTION, type CommandHelp } from './help.js';
import { findRoot } from '../io/repository/read-repository.js';

export const REPORT_HELP: CommandHelp = {
  brief: 'the internal report',
  usage: 'incidents report [--out DIR] [--at TIME] [--root DIR] [--format text|json|markdown|github]',
  summary:
    'The internal report at a moment: SLA compliance and breaches, MTTA, MTTD, MTTR and MTBF by priority and service, downtime, known errors and open action items. Never written inside the public site.',
  options: [['--out DIR', 'also write an HTML page with charts there'], AT_OPTION, ROOT_OPTION, formatOption(['text', 'json', 'markdown', 'github'])],
  example: 'incidents report --format markdown',
  exits: '0 written, 2 usage or config error',
};

/** The file that marks a folder as a report written by this command. */
const REPORT_MARK = 'report.json';

/**
 * `incidents report [--out DIR] [--at TIME]`: the internal report at TIME (default now): SLA
 * compliance and breaches, MTTA/MTTD/MTTR/MTBF, downtime, known errors, action items. Prints
 * tables (text), the JSON of docs/reference.md, or Markdown (`github` adds it to the job summary); `--out DIR`
 * also writes an HTML page with charts. Never into the public site. Exit 0, or 2 on an error.
 */
export async function reportCommand(args: string[], context: CommandContext): Promise<number> {
  const { values } = parseOptions('report', args, { out: { type: 'string' }, at: { type: 'string' }, root: { type: 'string' }, format: { type: 'string' } });
  const reporter = chooseReporter('report', values.format, ['text', 'json', 'markdown', 'github']);
  const root = findRoot('report', context.cwd, values.root);
  const out = values.out === undefined ? undefined : resolve(context.cwd, values.out);
  if (out) refuseInsidePublicSite(out);
  const at = timestampOption('report', 'at', values.at, new Date());
  const repository = await streamRepositoryWithConfig('report', root, reporter, context);
  if (!repository) return EXIT.error;

  const checked = await checkRepositoryRecords(repository.config, repository.files);
  const records = usableRecords(checked.records, [...repository.files.findings, ...checked.findings], 'left out of the report', context);
  const report = buildReport(records, toMillis(at));
  const tables = reportTables(report);

  await reporter.write(
    {
      command: 'report',
      text: `Incident report at ${report.at}\n\n${formatTextTables(tables)}`,
      markdown: `## Incident report at ${report.at}\n\n${formatMarkdownTables(tables)}`,
      json: { document: report },
    },
    context,
  );
  if (out) {
    try {
      await writeSite(
        out,
        new Map([
          ['index.html', renderReportPage(report, repository.config, tables)],
          [REPORT_MARK, `${JSON.stringify(report, null, 2)}\n`],
        ]),
        REPORT_MARK,
      );
    } catch (error) {
      if (!(error instanceof SiteWriteError)) throw error;
      context.stderr(`incidents report: ${error.message}\n`);
      return EXIT.error;
    }
    context.stderr(`Wrote the report to ${join(out, 'index.html')}.\n`);
  }
  return EXIT.clean;
}

/** The report is internal: a folder inside a built status site would be published with it. */
function refuseInsidePublicSite(out: string): void {
  for (let folder = out; ; folder = dirname(folder)) {
    if (existsSync(join(folder, SITE_MARK)))
      throw new UsageError(`incidents report: ${out} is inside the public status site ${folder}: the report is internal; write it elsewhere`);
    if (dirname(folder) === folder) return;
  }
}
