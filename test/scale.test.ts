import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import incidentSchema from '../schemas/incident.schema.json' with { type: 'json' };
import { checkRepository } from '../scripts/core/records/validate.js';
import { generateRecords, generateRepository } from '../scripts/dev/generate-records.js';
import { readRepository } from '../scripts/io/repository/read-repository.js';

const scale = suite('scale');

// How fast is measured by the benchmarks (npm run bench); this only proves that 10,000 records validate at all.
scale('10,000 generated records validate, and one broken record among them is found', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'incidents-scale-'));
  await generateRepository(dir, 10_000);
  writeFileSync(join(dir, 'incidents/INC-2026-9999.md'), '---\nid: INC-2026-9999\ntitle: [broken\n---\n');
  const files = await readRepository(dir);
  const { records, findings } = checkRepository({ config: files.config!, records: files.records });
  assert.is(records!.incidents.length, 10_000);
  assert.equal(
    findings.map((finding) => `${finding.path} ${finding.rule}`),
    ['incidents/INC-2026-9999.md yaml/syntax'],
  );
});

const generator = suite('the benchmark generator');

generator('uses every status, priority, type and incident field, with postmortems and known errors', async () => {
  const files = await generateRecords(1000);
  const incidents = [...files].filter(([path]) => /^incidents\/INC-\d{4}-\d{4}\.md$/.test(path)).map(([, text]) => text);
  const used = (key: string) => new Set(incidents.flatMap((text) => [...text.matchAll(new RegExp(`^${key}:(.*)$`, 'gm'))].map((match) => match[1]!.trim())));
  const { properties } = incidentSchema as unknown as { properties: Record<string, { enum?: string[]; $ref?: string }> };
  assert.equal([...used('status')].sort(), [...properties.status!.enum!].sort());
  assert.equal([...used('priority')].sort(), ['P1', 'P2', 'P3', 'P4', 'P5']);
  assert.equal([...used('type')].sort(), ['incident', 'maintenance']);
  assert.equal(
    Object.keys(properties).filter((key) => used(key).size === 0),
    [],
  );
  assert.is(incidents.length, 1000);
  assert.ok([...files.keys()].filter((path) => path.endsWith('.postmortem.md')).length > 20);
  assert.is([...files.keys()].filter((path) => path.startsWith('known-errors/')).length, 5);
});

generator('the same seed gives the same files; another seed, others', async () => {
  const [first, again, other] = await Promise.all([generateRecords(300, 7), generateRecords(300, 7), generateRecords(300, 8)]);
  assert.equal([...first], [...again]);
  assert.not.equal([...first], [...other]);
});

scale.run();
generator.run();
