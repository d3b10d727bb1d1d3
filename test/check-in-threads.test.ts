import { mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { checkConfig, checkRecords } from '../scripts/core/records/validate.js';
import { KIND_NAMES } from '../scripts/core/records/kinds.js';
import { generateRepository } from '../scripts/dev/generate-records.js';
import { checkRepositoryRecords } from '../scripts/io/check-in-threads.js';
import { readRepository, streamRepository } from '../scripts/io/repository/read-repository.js';

const threads = suite('checking record files in two threads');

/** A generated repository with broken files on both halves of the listing: bad YAML, a schema error, a link, a clash of ids. */
async function repository(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'incidents-threads-'));
  await generateRepository(dir, 400);
  writeFileSync(join(dir, 'incidents/INC-1999-0001.md'), '---\nid: INC-1999-0001\ntitle: [broken\n---\n');
  writeFileSync(join(dir, 'problems/PRB-9999.md'), '---\nid: PRB-9999\ntitle: No status\n---\n');
  symlinkSync('/etc/hostname', join(dir, 'known-errors/KE-9999.md'));
  // The last incident again under another name: its id clashes with a file the other thread checks.
  const last = (await readRepository(dir)).records.filter((file) => file.path.startsWith('incidents/') && !file.path.includes('postmortem')).at(-1)!;
  writeFileSync(join(dir, 'incidents/INC-1999-0002.md'), last.text);
  return dir;
}

const plain = (findings: readonly { cause?: unknown }[]) => findings.map(({ cause: _cause, ...finding }) => finding);

threads('give the records, the findings (with their lines) and their order that one thread gives', async () => {
  const dir = await repository();
  const one = streamRepository(dir);
  const config = checkConfig(one.config!).config!.data;
  const expected = checkRecords(config, one.records);
  const two = streamRepository(dir);
  const actual = await checkRepositoryRecords(config, two, { threadsFrom: 1, cores: 2, workerFirst: true });
  assert.is(actual.threads, 2, 'the worker thread checked the files');
  for (const kind of KIND_NAMES) {
    assert.equal(
      actual.records[kind].map((record) => [record.path, record.data, record.body, record.bodyLine]),
      expected.records[kind].map((record) => [record.path, record.data, record.body, record.bodyLine]),
      kind,
    );
  }
  assert.equal(plain(actual.findings), plain(expected.findings));
  // Files the worker could not read are told after this thread's: the commands sort findings.
  const byPath = <T extends { path: string; message: string }>(findings: readonly T[]) =>
    [...findings].sort((a, b) => (a.path + a.message < b.path + b.message ? -1 : 1));
  assert.equal(plain(byPath(two.findings)), plain(byPath(one.findings)));
  // The clash is found on a record from each thread, each at its id's line.
  const clash = actual.findings.filter((finding) => finding.rule === 'record/unique-id');
  assert.is(clash.length, 2);
  for (const finding of clash) assert.is(finding.line, 2, `${finding.path}:${finding.line}`);
  assert.ok(
    two.findings.some((finding) => finding.path === 'known-errors/KE-9999.md' && /symbolic link/.test(finding.message)),
    'a link is refused unread',
  );
});

threads('shared between both threads as each is free, the files give the same records and findings', async () => {
  const dir = await repository();
  const config = checkConfig(streamRepository(dir).config!).config!.data;
  const expected = checkRecords(config, streamRepository(dir).records);
  const actual = await checkRepositoryRecords(config, streamRepository(dir), { threadsFrom: 1, cores: 2 });
  assert.is(actual.threads, 2);
  for (const kind of KIND_NAMES)
    assert.equal(
      actual.records[kind].map((record) => record.data),
      expected.records[kind].map((record) => record.data),
      kind,
    );
  assert.equal(plain(actual.findings), plain(expected.findings));
});

threads('below the threshold, or on one core, one thread checks them all', async () => {
  const dir = await repository();
  const config = checkConfig(streamRepository(dir).config!).config!.data;
  assert.is((await checkRepositoryRecords(config, streamRepository(dir))).threads, 1);
  assert.is((await checkRepositoryRecords(config, streamRepository(dir), { threadsFrom: 1, cores: 1 })).threads, 1);
});

threads.run();
