import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

const boundary = suite('lint boundary');

/** The rules eslint.config.js uses to keep core/ and render/ pure. */
const BOUNDARY_RULES = new Set(['no-restricted-imports', 'no-restricted-globals', 'no-restricted-properties', 'no-restricted-syntax']);

const eslint = new ESLint({ cwd: ROOT });

/** The rule ids the lint reports for `code` as if it were the file at `filePath`, sorted. */
async function ruleIdsFor(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  assert.ok(result, `no lint result for ${filePath}`);
  const fatal = result.messages.filter((message) => message.fatal);
  assert.equal(fatal, [], `${filePath} did not parse`);
  return result.messages.map((message) => message.ruleId ?? '(none)').sort();
}

const CASES: { name: string; filePath: string; code: string; expected: string[] }[] = [
  // core/ imports nothing from the edges, at any depth.
  {
    name: 'core importing io',
    filePath: 'scripts/core/planted.ts',
    code: "import { writeSite } from '../io/write-site.js';\nexport const planted = writeSite;\n",
    expected: ['no-restricted-imports'],
  },
  {
    name: 'core importing commands two levels up',
    filePath: 'scripts/core/gate/planted.ts',
    code: "import { parseOptions } from '../../commands/context.js';\nexport const planted = parseOptions;\n",
    expected: ['no-restricted-imports'],
  },
  {
    name: 'core importing render',
    filePath: 'scripts/core/planted.ts',
    code: "import { escapeText } from '../render/html.js';\nexport const planted = escapeText;\n",
    expected: ['no-restricted-imports'],
  },
  {
    name: 'core importing only a type from io',
    filePath: 'scripts/core/planted.ts',
    code: "import type { writeSite } from '../io/write-site.js';\nexport type Planted = typeof writeSite;\n",
    expected: ['no-restricted-imports'],
  },
  { name: 'core re-exporting io', filePath: 'scripts/core/planted.ts', code: "export * from '../io/write-site.js';\n", expected: ['no-restricted-imports'] },
  {
    name: 'core importing a reporter',
    filePath: 'scripts/core/planted.ts',
    code: "import { writeText } from '../reporters/text.js';\nexport const planted = writeText;\n",
    expected: ['no-restricted-imports'],
  },
  {
    name: 'core importing node:process',
    filePath: 'scripts/core/planted.ts',
    code: "import { env } from 'node:process';\nexport const planted = env.X;\n",
    expected: ['no-restricted-imports'],
  },
  {
    name: 'core importing the CLI',
    filePath: 'scripts/core/planted.ts',
    code: "import { runCli } from '../cli.js';\nexport const planted = runCli;\n",
    expected: ['no-restricted-imports'],
  },
  // core/ touches no files, processes or network.
  {
    name: 'core importing node:fs',
    filePath: 'scripts/core/planted.ts',
    code: "import { readFileSync } from 'node:fs';\nexport const planted = readFileSync;\n",
    expected: ['no-restricted-imports'],
  },
  {
    name: 'core importing fs/promises',
    filePath: 'scripts/core/planted.ts',
    code: "import { readFile } from 'fs/promises';\nexport const planted = readFile;\n",
    expected: ['no-restricted-imports'],
  },
  {
    name: 'core importing node:child_process',
    filePath: 'scripts/core/planted.ts',
    code: "import { execFileSync } from 'node:child_process';\nexport const planted = execFileSync;\n",
    expected: ['no-restricted-imports'],
  },
  {
    name: 'core importing node:http',
    filePath: 'scripts/core/planted.ts',
    code: "import { request } from 'node:http';\nexport const planted = request;\n",
    expected: ['no-restricted-imports'],
  },
  {
    name: 'core importing Octokit',
    filePath: 'scripts/core/planted.ts',
    code: "import { Octokit } from '@octokit/rest';\nexport const planted = Octokit;\n",
    expected: ['no-restricted-imports'],
  },
  {
    name: 'core importing node:fs dynamically',
    filePath: 'scripts/core/planted.ts',
    code: "export const planted = () => import('node:fs');\n",
    expected: ['no-restricted-syntax'],
  },
  // core/ reads neither the environment nor the clock.
  {
    name: 'core reading process.env',
    filePath: 'scripts/core/planted.ts',
    code: 'export const planted = process.env.X;\n',
    expected: ['no-restricted-globals'],
  },
  {
    name: 'core reading process.cwd()',
    filePath: 'scripts/core/planted.ts',
    code: 'export const planted = process.cwd();\n',
    expected: ['no-restricted-globals'],
  },
  {
    name: 'core calling Date.now()',
    filePath: 'scripts/core/planted.ts',
    code: 'export const planted = Date.now();\n',
    expected: ['no-restricted-properties'],
  },
  { name: 'core calling new Date()', filePath: 'scripts/core/planted.ts', code: 'export const planted = new Date();\n', expected: ['no-restricted-syntax'] },
  {
    name: 'core calling performance.now()',
    filePath: 'scripts/core/planted.ts',
    code: 'export const planted = performance.now();\n',
    expected: ['no-restricted-properties'],
  },
  // render/ is pure the same way.
  {
    name: 'render importing io',
    filePath: 'scripts/render/planted.ts',
    code: "import { writeSite } from '../io/write-site.js';\nexport const planted = writeSite;\n",
    expected: ['no-restricted-imports'],
  },
  {
    name: 'render importing commands',
    filePath: 'scripts/render/site/planted.ts',
    code: "import { parseOptions } from '../../commands/context.js';\nexport const planted = parseOptions;\n",
    expected: ['no-restricted-imports'],
  },
  {
    name: 'render importing node:fs',
    filePath: 'scripts/render/planted.ts',
    code: "import { writeFileSync } from 'node:fs';\nexport const planted = writeFileSync;\n",
    expected: ['no-restricted-imports'],
  },
  {
    name: 'render reading process.env',
    filePath: 'scripts/render/planted.ts',
    code: 'export const planted = process.env.X;\n',
    expected: ['no-restricted-globals'],
  },
  {
    name: 'render calling Date.now()',
    filePath: 'scripts/render/planted.ts',
    code: 'export const planted = Date.now();\n',
    expected: ['no-restricted-properties'],
  },
  // What stays allowed.
  {
    name: 'core building a date from a number',
    filePath: 'scripts/core/planted.ts',
    code: 'export const planted = (now: number) => new Date(now).toISOString();\n',
    expected: [],
  },
  { name: 'core calling new Date(0)', filePath: 'scripts/core/planted.ts', code: 'export const planted = new Date(0);\n', expected: [] },
  {
    name: 'core importing core',
    filePath: 'scripts/core/sla/planted.ts',
    code: "import { isTimestamp } from '../time/timestamps.js';\nexport const planted = isTimestamp;\n",
    expected: [],
  },
  {
    name: 'core importing a pure package',
    filePath: 'scripts/core/planted.ts',
    code: "import { parseDocument } from 'yaml';\nexport const planted = parseDocument;\n",
    expected: [],
  },
  {
    name: 'render importing core',
    filePath: 'scripts/render/planted.ts',
    code: "import { fileFinding } from '../core/findings.js';\nexport const planted = fileFinding;\n",
    expected: [],
  },
  {
    name: 'io importing node:fs and reading the clock',
    filePath: 'scripts/io/planted.ts',
    code: "import { statSync } from 'node:fs';\nexport const planted = () => statSync('.').mtimeMs < Date.now();\n",
    expected: [],
  },
  { name: 'commands reading process.env', filePath: 'scripts/commands/planted.ts', code: 'export const planted = process.env.X;\n', expected: [] },
];

for (const { name, filePath, code, expected } of CASES) {
  boundary(`${name}: ${expected.length ? expected.join(', ') : 'clean'}`, async () => {
    assert.equal(await ruleIdsFor(code, filePath), expected);
  });
}

boundary('a boundary message says why the import is refused', async () => {
  const [result] = await eslint.lintText("import { readFileSync } from 'node:fs';\nexport const planted = readFileSync;\n", {
    filePath: 'scripts/core/planted.ts',
  });
  assert.match(result?.messages[0]?.message ?? '', /core\/ is pure: .*files; io\/repository reads them/);
});

boundary('the real core/ and render/ keep to their boundaries', async () => {
  const results = await eslint.lintFiles(['scripts/core/**/*.ts', 'scripts/render/**/*.ts']);
  assert.ok(results.length > 50, `linted only ${results.length} files`);
  const violations = results.flatMap((result) =>
    result.messages
      .filter((message) => BOUNDARY_RULES.has(message.ruleId ?? ''))
      .map((message) => `${result.filePath}:${message.line}: ${message.message} (${message.ruleId})`),
  );
  assert.equal(violations, []);
});

boundary.run();
