import { LayoutError, UsageError } from '../core/errors.js';
import { rename, writeFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { checkRecordEdit } from '../core/gate/check-pull-request.js';
import { hasErrors } from '../core/findings.js';
import { STATUSES } from '../core/gate/lifecycle.js';
import { findingAt, type ValidRecord } from '../core/records/record-set.js';
import type { Incident } from '../core/records/types.js';

import { updateRecord, type RecordUpdate, type UpdateResult } from '../core/authoring/update-record.js';
import { parseValidRecord } from '../core/records/validate.js';
import { EXIT, parseOptions, toFormat, type CommandContext } from './context.js';
import { readRepositoryWithConfig } from './read-config.js';
import { oneOf, serviceOptions, timestampOption } from './record-options.js';
import { reportFindings } from './report-findings.js';

export const UPDATE_USAGE =
  'incidents update ID --status S --message M [--service ID=STATUS]… [--at TIME] [--reason R] [--resolution CODE --summary TEXT] [--known-error KE] [--duplicate-of INC] [--root DIR] [--format text|json|github]';

/**
 * `incidents update ID`: moves a record on in place (status, the timestamps it implies, services,
 * a new update), keeping every other byte of the file. Refuses what the gate would refuse, with its
 * message (exit 1), and writes nothing then.
 */
export async function updateCommand(args: string[], context: CommandContext): Promise<number> {
  const { values, positionals } = parseOptions(
    'update',
    args,
    {
      status: { type: 'string' },
      message: { type: 'string' },
      service: { type: 'string', multiple: true },
      at: { type: 'string' },
      reason: { type: 'string' },
      resolution: { type: 'string' },
      summary: { type: 'string' },
      'known-error': { type: 'string' },
      'duplicate-of': { type: 'string' },
      root: { type: 'string' },
      format: { type: 'string' },
    },
    true,
  );
  const format = toFormat('update', values.format);
  const [id, ...extra] = positionals;
  if (!id || extra.length > 0) throw new UsageError('incidents update: name one record, e.g. incidents update INC-2026-0007 --status identified --message "…"');
  if (!values.status || !values.message?.trim()) throw new UsageError('incidents update: --status and --message are both needed: every status change tells the public what changed');
  if ((values.resolution === undefined) !== (values.summary === undefined)) throw new UsageError('incidents update: --resolution CODE and --summary TEXT go together');
  const root = resolve(context.cwd, values.root ?? '.');
  const repository = await readRepositoryWithConfig('update', root, format, context);
  if (!repository) return EXIT.error;

  const file = repository.files.records.find(({ path }) => path === `incidents/${id}.md` || (path.startsWith(`incidents/${id}-`) && !path.endsWith('.postmortem.md')));
  if (!file) throw new UsageError(`incidents update: there is no incidents/${id}.md (or ${id}-slug.md) in ${root}`);
  const parsed = parseValidRecord(file);
  if (!parsed.record) {
    await reportFindings('update', format, parsed.findings, context);
    context.stderr(`${file.path} has errors: fix them first, then update it.\n`);
    return EXIT.findings;
  }
  const before = parsed.record as ValidRecord<Incident>;
  const result = editRecord(file.text, before, {
    status: oneOf('update', 'status', values.status, STATUSES[before.data.type]),
    message: values.message,
    at: timestampOption('update', 'at', values.at, new Date()),
    services: serviceOptions('update', values.service ?? [], repository.config, true) as { id: string; status: string }[],
    reason: values.reason,
    resolution: values.resolution === undefined ? undefined : { code: values.resolution, summary: values.summary! },
    knownError: values['known-error'],
    duplicateOf: values['duplicate-of'],
  });
  if (!result.ok && result.refused === 'missing') throw new UsageError(`incidents update: ${result.message}`);
  const findings = result.ok
    ? checkRecordEdit(repository.config, repository.files.records, { path: file.path, text: result.text }, before)
    : [result.refused === 'layout' ? findingAt(before, [result.key], 'update/layout', result.message, { at: 'key' }) : findingAt(before, ['status'], 'lifecycle/transition', result.message)];
  if (!result.ok || hasErrors(findings)) {
    await reportFindings('update', format, findings, context);
    context.stderr(`Nothing was written: ${file.path} is as it was.\n`);
    return EXIT.findings;
  }
  const path = join(root, file.path);
  await writeFile(`${path}.tmp`, result.text);
  await rename(`${path}.tmp`, path);
  if (findings.length > 0) await reportFindings('update', format, findings, format === 'text' ? { ...context, stdout: context.stderr } : context);
  context.stdout(`${relative(context.cwd, path)}: ${before.data.status} → ${values.status}\n`);
  return EXIT.clean;
}

/** updateRecord, with a layout it cannot extend turned into a refusal at the key written that way. */
function editRecord(text: string, record: ValidRecord<Incident>, update: RecordUpdate): UpdateResult | { ok: false; refused: 'layout'; key: string; message: string } {
  try {
    return updateRecord(text, record.data, update);
  } catch (error) {
    if (error instanceof LayoutError) return { ok: false, refused: 'layout', key: error.key, message: error.message };
    throw error;
  }
}
