// ESLint: the recommended JavaScript and TypeScript rules (syntax only, no type information, so it
// stays fast), then the house style's "pure core and thin edges" as rules that fail the lint: core/
// decides and never reads files, processes, the network, the environment or the clock; render/
// turns the status model into text and never reads them either. Formatting is Prettier's job, so
// eslint-config-prettier comes last and turns off every rule that would fight it.
//
// The boundary rules live in their own objects scoped with `files`. A later object that sets the
// same rule for the same files replaces its options rather than adding to them: extend the lists
// here instead of setting these rules again below.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import { defineConfig, globalIgnores } from 'eslint/config';
import tseslint from 'typescript-eslint';

/** Node's modules that touch the outside world, grouped by what they touch and why that is refused. */
const NODE_EDGES = [
  { modules: ['fs'], touches: 'files', instead: 'io/repository reads them; pass the contents in' },
  { modules: ['child_process', 'worker_threads', 'cluster'], touches: 'processes', instead: 'io/ runs them; pass the results in' },
  { modules: ['http', 'https', 'http2', 'net', 'dgram', 'tls', 'dns'], touches: 'the network', instead: 'io/github and io/notify talk; pass the data in' },
  { modules: ['process', 'os'], touches: 'the environment (env, argv, cwd, the host)', instead: 'commands/ read it; pass the values in' },
  { modules: ['perf_hooks'], touches: 'the clock', instead: 'pass `now` in' },
  { modules: ['module', 'vm', 'v8'], touches: 'the runtime (loading or running code)', instead: 'import statically; the edges load what they need' },
];

/**
 * The rules that keep a layer pure.
 * @param {string} layer 'core' or 'render', for the messages.
 * @param {string[]} forbiddenDirs sibling folders of scripts/ that the layer may not import, at any depth.
 */
function pureLayerRules(layer, forbiddenDirs) {
  const why = `${layer}/ is pure`;
  return {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          ...forbiddenDirs.map((dir) => ({
            regex: `^\\.\\.?/(?:.*/)?${dir}(?:/|\\.[cm]?[jt]s$|$)`,
            message: `${why}: it may not import scripts/${dir}/ (dependencies point inwards: ${dir}/ calls ${layer}/, never the reverse).`,
          })),
          {
            regex: '^\\.\\.?/(?:.*/)?(?:cli|bin|action)(?:\\.[cm]?[jt]s)?$',
            message: `${why}: it may not import an entry point (cli.ts, bin.ts, action.ts); they call ${layer}/, never the reverse.`,
          },
          ...NODE_EDGES.map(({ modules, touches, instead }) => ({
            regex: `^(?:node:)?(?:${modules.join('|')})(?:/.*)?$`,
            message: `${why}: it may not import a module that touches ${touches}; ${instead}.`,
          })),
          {
            regex: '^@(?:actions|octokit)/',
            message: `${why}: it may not import the GitHub or Actions SDKs; io/github talks to GitHub, pass the data in.`,
          },
        ],
      },
    ],
    'no-restricted-globals': [
      'error',
      { name: 'process', message: `${why}: no process (env, argv, cwd, exit); commands/ read them and pass the values in.` },
      { name: 'fetch', message: `${why}: no network; io/ talks, pass the data in.` },
      { name: 'WebSocket', message: `${why}: no network; io/ talks, pass the data in.` },
    ],
    'no-restricted-properties': [
      'error',
      { object: 'Date', property: 'now', message: `${why}: it may not read the clock; pass \`now\` in.` },
      { object: 'performance', property: 'now', message: `${why}: it may not read the clock; pass \`now\` in (time it at the edge).` },
      { object: 'globalThis', property: 'process', message: `${why}: no process (env, argv, cwd, exit); commands/ read them and pass the values in.` },
    ],
    'no-restricted-syntax': [
      'error',
      {
        selector: "NewExpression[callee.name='Date'][arguments.length=0]",
        message: `${why}: \`new Date()\` reads the clock; pass \`now\` in and use \`new Date(now)\`.`,
      },
      { selector: "CallExpression[callee.type='Identifier'][callee.name='Date']", message: `${why}: \`Date()\` reads the clock; pass \`now\` in.` },
      { selector: 'ImportExpression', message: `${why}: import statically; a dynamic import() hides a dependency from the boundary rules.` },
    ],
  };
}

export default defineConfig([
  globalIgnores(['dist/', 'site/', 'test-output/', 'test/fixtures/', 'scripts/core/records/schema-types.ts']),
  {
    files: ['scripts/**/*.ts', 'test/**/*.ts', 'bench/**/*.ts'],
    extends: [js.configs.recommended, tseslint.configs.recommended],
    rules: {
      // Leaving a key out by destructuring (`const { pull_request: _omitted, ...rest } = x`) is
      // deliberate here; anything else unused is still an error.
      '@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true }],
    },
  },
  {
    files: ['**/*.js'],
    extends: [js.configs.recommended],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
  { files: ['scripts/core/**/*.ts'], rules: pureLayerRules('core', ['io', 'commands', 'reporters', 'render', 'dev']) },
  { files: ['scripts/render/**/*.ts'], rules: pureLayerRules('render', ['io', 'commands', 'reporters', 'dev']) },
  prettier,
]);
