import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { checkRepository } from '../scripts/core/validate.js';
import { generateRepository } from '../scripts/dev/generate-records.js';
import { readRepository } from '../scripts/io/read-repository.js';

const scale = suite('scale');

// How fast is measured by the benchmarks; this only proves that 10,000 records validate at all.
scale('10,000 generated records validate, and one broken record among them is found', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'incidents-scale-'));
  await generateRepository(dir, 10_000);
  writeFileSync(join(dir, 'incidents/INC-2026-9999.md'), '---\nid: INC-2026-9999\ntitle: [broken\n---\n');
  const files = await readRepository(dir);
  const { records, findings } = checkRepository({ config: files.config!, records: files.records });
  assert.is(files.records.length, 10_000);
  assert.is(records!.incidents.length, 9_999);
  assert.equal(findings.map((finding) => `${finding.path} ${finding.rule}`), ['incidents/INC-2026-9999.md yaml/syntax']);
});

scale.run();
