import { readdirSync, readFileSync, statSync } from 'node:fs';
import { RECORD_FOLDERS } from '../scripts/core/records/kinds.js';
import { join, relative } from 'node:path';
import fc from 'fast-check';
import { dump } from 'js-yaml';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { stringify } from 'yaml';
import { parseWithPositions, parseYaml } from '../scripts/core/records/parse-yaml.js';
import { ROOT } from './helpers/run-cli.js';

const agree = suite('parse-yaml: the fast path reads what the careful one reads');

/** The YAML of every record and config in the repository and its test fixtures. */
function yamlTexts(): { path: string; text: string }[] {
  const texts: { path: string; text: string }[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith('.yml')) texts.push({ path: relative(ROOT, path), text: readFileSync(path, 'utf8') });
      else if (name.endsWith('.md')) {
        const frontmatter = /^---\r?\n([\s\S]*?)\r?\n---/.exec(readFileSync(path, 'utf8'))?.[1];
        if (frontmatter !== undefined) texts.push({ path: relative(ROOT, path), text: frontmatter });
      }
    }
  };
  for (const dir of [...RECORD_FOLDERS, 'test/fixtures']) walk(join(ROOT, dir));
  texts.push({ path: 'incidents.config.yml', text: readFileSync(join(ROOT, 'incidents.config.yml'), 'utf8') });
  return texts;
}

/**
 * What a parse gives, without the position finder: the data (as JSON, since a `constructor` key
 * would make a deep comparison compare the wrong thing) and the empty keys, or the problems.
 */
function outcome(result: ReturnType<typeof parseYaml>) {
  return result.ok
    ? { data: JSON.stringify(result.value.data), emptyKeys: [...result.value.emptyKeys] }
    : { problems: result.problems.map(({ line, column, rule, message }) => ({ line, column, rule, message })) };
}

agree('every record and config in the repository and the fixtures', () => {
  const texts = yamlTexts();
  assert.ok(texts.length > 100, `only ${texts.length} files found`);
  for (const { path, text } of texts) assert.equal(outcome(parseYaml(text)), outcome(parseWithPositions(text)), path);
});

/** JSON-like values with keys and strings that need quoting in YAML. */
const values = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.string(),
    fc.constantFrom('yes', 'no', 'null', '~', '0o17', '0x1F', '1e3', '.inf', '2026-02-30T10:00:00Z', '- x', 'a: b', '#', '*a', '&a', '!!str', ''),
    fc.integer(),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.string({ minLength: 1 }), tie('value'), { maxKeys: 4 }),
  ),
})).value;

agree('any value written by either library reads back the same through both paths (fast-check)', () => {
  fc.assert(
    fc.property(values, (value) => {
      for (const text of [stringify(value), dump(value)]) assert.equal(outcome(parseYaml(text)), outcome(parseWithPositions(text)), text);
    }),
    { numRuns: 500 },
  );
});

/** Text made of YAML's punctuation, so most of it is broken in some way. */
const yamlish = fc
  .array(
    fc.constantFrom(
      'a',
      'b',
      ':',
      ' ',
      '  ',
      '\n',
      '- ',
      '"',
      "'",
      '#',
      '&x',
      '*x',
      '!!',
      '[',
      ']',
      '{',
      '}',
      ',',
      '|',
      '>',
      '?',
      '%',
      '@',
      '\t',
      '~',
      '1',
      '__proto__',
    ),
    { maxLength: 60 },
  )
  .map((parts) => parts.join(''));

agree('any text is refused or read the same by both paths (fast-check)', () => {
  fc.assert(
    fc.property(yamlish, (text) => {
      assert.equal(outcome(parseYaml(text)), outcome(parseWithPositions(text)), JSON.stringify(text));
    }),
    { numRuns: 3000 },
  );
});

agree('a position the fast path gives is where the careful parser puts it', () => {
  const text = 'id: INC-2026-0001\nservices:\n  - id: api\n    status: major_outage\n';
  const fast = parseYaml(text);
  const careful = parseWithPositions(text);
  assert.ok(fast.ok && careful.ok);
  if (!fast.ok || !careful.ok) return;
  for (const path of [['id'], ['services', 0, 'status'], ['services', 2], ['missing']]) {
    for (const at of ['key', 'value'] as const) assert.equal(fast.value.locate(path, at), careful.value.locate(path, at), `${path.join('.')} ${at}`);
  }
});

agree.run();
