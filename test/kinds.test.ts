import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { allocateId } from '../scripts/core/authoring/create-record.js';
import { idOfPath, idsInText, KIND_NAMES, RECORD_KINDS, recordKindOf, type RecordKind } from '../scripts/core/records/kinds.js';
import { checkConfig, checkRecords } from '../scripts/core/records/validate.js';
import { readRepository } from '../scripts/io/repository/read-repository.js';
import { ROOT } from './helpers/run-cli.js';

const paths = suite('record kinds: a path tells the kind and the id');

const PATHS: { path: string; kind: RecordKind | undefined; id?: string }[] = [
  { path: 'incidents/INC-2026-0007.md', kind: 'incidents', id: 'INC-2026-0007' },
  { path: 'incidents/INC-2026-0007-checkout-502s.md', kind: 'incidents', id: 'INC-2026-0007' },
  { path: 'incidents/INC-2026-0007.postmortem.md', kind: 'postmortems', id: 'INC-2026-0007' },
  { path: 'known-errors/KE-0003.md', kind: 'knownErrors', id: 'KE-0003' },
  { path: 'known-errors/KE-0003-export-timeouts.md', kind: 'knownErrors', id: 'KE-0003' },
  { path: 'incidents/KE-0003.md', kind: undefined },
  { path: 'known-errors/INC-2026-0007.md', kind: undefined },
  { path: 'incidents/inc-2026-0007.md', kind: undefined },
  { path: 'incidents/INC-2026-0007-Slug.md', kind: undefined },
  { path: 'incidents/INC-2026-0007-slug.postmortem.md', kind: undefined },
  { path: 'incidents/sub/INC-2026-0007.md', kind: undefined },
  { path: 'INC-2026-0007.md', kind: undefined },
  { path: 'incidents/README.md', kind: undefined },
];

for (const { path, kind, id } of PATHS) {
  paths(`${path} is ${kind ? `a record of ${kind}, id ${id}` : 'no record'}`, () => {
    assert.is(recordKindOf(path), kind);
    assert.is(idOfPath(path), id);
  });
}

paths('ids named in a text are found, whatever their kind, and only whole', () => {
  assert.equal(idsInText('duplicate_of: INC-2026-0001\nknown_error: KE-0002 see INC-2026-00011 and XKE-0003'), ['INC-2026-0001', 'KE-0002']);
});

const ids = suite('record kinds: allocating ids');

const ALLOCATIONS: { name: string; kind: RecordKind; taken: string[]; at: string; expected: string | undefined }[] = [
  { name: 'the first incident of a year', kind: 'incidents', taken: ['incidents/INC-2025-0040.md'], at: '2026-01-01T00:00:00Z', expected: 'INC-2026-0001' },
  {
    name: 'after the highest, gaps left alone',
    kind: 'incidents',
    taken: ['incidents/INC-2026-0001.md', 'incidents/INC-2026-0007-db.md'],
    at: '2026-03-01T10:00:00Z',
    expected: 'INC-2026-0008',
  },
  {
    name: 'a postmortem or a misnamed file in the folder takes its id too',
    kind: 'incidents',
    taken: ['incidents/INC-2026-0009.postmortem.md', 'incidents/INC-2026-0011-Bad_Name.md', 'known-errors/KE-0012.md'],
    at: '2026-03-01T10:00:00Z',
    expected: 'INC-2026-0012',
  },
  { name: 'a known error takes no incident id', kind: 'incidents', taken: ['known-errors/KE-0012.md'], at: '2026-03-01T10:00:00Z', expected: 'INC-2026-0001' },
  { name: 'none left after 9999', kind: 'incidents', taken: ['incidents/INC-2026-9999.md'], at: '2026-03-01T10:00:00Z', expected: undefined },
  {
    name: 'known errors count on across years',
    kind: 'knownErrors',
    taken: ['known-errors/KE-0001.md', 'known-errors/KE-0041-slug.md'],
    at: '2027-03-01T10:00:00Z',
    expected: 'KE-0042',
  },
  { name: 'a postmortem has no id of its own', kind: 'postmortems', taken: [], at: '2026-03-01T10:00:00Z', expected: undefined },
];

for (const { name, kind, taken, at, expected } of ALLOCATIONS) {
  ids(name, () => {
    assert.is(allocateId(kind, taken, at), expected);
  });
}

const registry = suite('record kinds: everything loops over the registry');

registry('each sample record is read from its folder into the list of its kind, checked by its kind', async () => {
  const files = await readRepository(ROOT);
  const { records, findings } = checkRecords(checkConfig(files.config!).config!.data, files.records);
  assert.equal(findings, []);
  for (const kind of KIND_NAMES) {
    const expected = files.records.filter(({ path }) => recordKindOf(path) === kind).map(({ path }) => path);
    assert.ok(expected.length > 0, `the samples have a record of ${kind}`);
    assert.equal(
      records[kind].map(({ path }) => path),
      expected,
      kind,
    );
  }
});

registry('a file is checked against the schema of the kind its path gives, whatever it holds', () => {
  const knownError = readFileSync(join(ROOT, 'known-errors/KE-0001.md'), 'utf8');
  const { config } = checkConfig({ path: 'incidents.config.yml', text: readFileSync(join(ROOT, 'incidents.config.yml'), 'utf8') });
  const { records, findings } = checkRecords(config!.data, [{ path: 'incidents/INC-2026-0099.md', text: knownError }]);
  assert.equal(records.knownErrors, []);
  assert.equal(records.incidents, []);
  assert.ok(
    findings.some(({ rule }) => rule === 'schema/required'),
    "an incident's required keys are missing",
  );
});

registry('no two kinds share a file name, so a path has one kind', () => {
  const examples = PATHS.filter(({ kind }) => kind !== undefined);
  for (const { path } of examples) {
    const name = path.slice(path.indexOf('/') + 1);
    const folder = path.slice(0, path.indexOf('/'));
    const matching = KIND_NAMES.filter((kind) => RECORD_KINDS[kind].folder === folder && RECORD_KINDS[kind].fileName.test(name));
    assert.is(matching.length, 1, path);
  }
});

paths.run();
ids.run();
registry.run();
