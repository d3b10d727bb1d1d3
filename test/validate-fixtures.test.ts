/**
 * One folder per rule under test/fixtures/validate/: a small repository (incidents.config.yml, or
 * base.config.yml when it has none) and expected.json, the exact findings. Run with
 * UPDATE_FIXTURES=1 to rewrite expected.json from the current output, then review the diff.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { sortFindings, toJsonFinding } from '../scripts/core/findings.js';
import { CONFIG_RULES, RECORD_RULES } from '../scripts/core/rules/index.js';
import { checkRepository } from '../scripts/core/records/validate.js';
import { readRepository } from '../scripts/io/repository/read-repository.js';

const FIXTURES = fileURLToPath(new URL('fixtures/validate/', import.meta.url));
const BASE_CONFIG = { path: 'incidents.config.yml', text: readFileSync(join(FIXTURES, 'base.config.yml'), 'utf8') };
const CASES = readdirSync(FIXTURES, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

async function findingsOf(folder: string) {
  const files = await readRepository(folder);
  const { findings } = checkRepository({ config: files.config ?? BASE_CONFIG, records: files.records });
  return sortFindings([...files.findings, ...findings]).map(toJsonFinding);
}

const fixtures = suite('validate fixtures');

for (const name of CASES) {
  fixtures(name, async () => {
    const folder = join(FIXTURES, name);
    const expectedFile = join(folder, 'expected.json');
    const actual = await findingsOf(folder);
    if (process.env.UPDATE_FIXTURES) writeFileSync(expectedFile, `${JSON.stringify(actual, null, 2)}\n`);
    assert.ok(existsSync(expectedFile), `${name} has no expected.json: run UPDATE_FIXTURES=1 npm test and review it`);
    assert.equal(actual, JSON.parse(readFileSync(expectedFile, 'utf8')));
  });
}

fixtures('the valid case has no findings', async () => {
  assert.equal(await findingsOf(join(FIXTURES, 'valid')), []);
});

fixtures('every rule has a fixture whose expected findings include it', () => {
  const covered = new Set(
    CASES.flatMap((name) => {
      const expectedFile = join(FIXTURES, name, 'expected.json');
      return existsSync(expectedFile) ? (JSON.parse(readFileSync(expectedFile, 'utf8')) as { rule: string }[]).map((finding) => finding.rule) : [];
    }),
  );
  const rules = [
    ...[...CONFIG_RULES, ...RECORD_RULES].map((rule) => rule.id),
    'yaml/syntax',
    'yaml/duplicate-key',
    'yaml/unknown-tag',
    'yaml/proto-key',
    'yaml/alias-limit',
    'file/frontmatter',
    'file/name',
    'file/unreadable',
  ];
  const uncovered = rules.filter((rule) => !covered.has(rule));
  assert.equal(uncovered, [], `rules without a fixture: ${uncovered.join(', ')}`);
});

fixtures('each fixture folder is named after a rule it covers', () => {
  for (const name of CASES.filter((name) => name !== 'valid')) {
    const rules = (JSON.parse(readFileSync(join(FIXTURES, name, 'expected.json'), 'utf8')) as { rule: string }[]).map((finding) =>
      finding.rule.replace('/', '-').replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`),
    );
    assert.ok(rules.includes(name), `${name}/expected.json has no finding of the rule it is named after (found ${rules.join(', ')})`);
  }
});

fixtures.run();
