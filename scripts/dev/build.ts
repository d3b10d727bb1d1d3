/**
 * Bundles the entry points into single JavaScript files, so nothing compiles TypeScript at start-up:
 * dist/incidents.js, the package's `incidents` bin (built by `npm test` and `npm pack`; not committed), and
 * dist/action.js, the GitHub Action's main, which is committed so a workflow needs no install:
 * `npm run build`, then commit it.
 */
import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { _ } from 'ajv';
import standalone from 'ajv/dist/standalone/index.js';
import { build, type Plugin } from 'esbuild';
import { createAjv, AJV_OPTIONS, SCHEMAS } from '../core/records/schemas.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Each bundle: its entry point and its output file. */
export const BUNDLES = [
  { name: 'incidents', entry: `${ROOT}scripts/bin.ts`, outfile: `${ROOT}dist/incidents.js` },
  { name: 'action', entry: `${ROOT}scripts/action.ts`, outfile: `${ROOT}dist/action.js` },
] as const;

/** The text of a bundle, built in memory, the same bytes on every machine. */
export async function bundle(entry: string): Promise<string> {
  const result = await build({
    entryPoints: [entry],
    absWorkingDir: ROOT,
    bundle: true,
    write: false,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    legalComments: 'none',
    logLevel: 'warning',
    plugins: [precompiledValidators, withoutOidc],
    // Bundled CommonJS dependencies call require(); ESM output has none unless we make one.
    banner: { js: "#!/usr/bin/env node\nimport { createRequire as __createRequire } from 'node:module';\nconst require = __createRequire(import.meta.url);" },
  });
  return result.outputFiles[0]!.text;
}

/**
 * Replaces scripts/core/records/precompiled-validators.ts with Ajv's standalone code for every schema, so
 * the bundles validate without compiling schemas at start-up. The code looks its formats up in
 * scripts/core/records/schema-formats.ts, as the runtime compiler does.
 */
const precompiledValidators: Plugin = {
  name: 'precompiled-validators',
  setup(esbuild) {
    esbuild.onLoad({ filter: /[/\\]scripts[/\\]core[/\\]records[/\\]precompiled-validators\.ts$/ }, () => {
      const ajv = createAjv({ ...AJV_OPTIONS, code: { source: true, esm: true, formats: _`require("./schema-formats.ts").FORMATS` } });
      const names = (Object.keys(SCHEMAS) as (keyof typeof SCHEMAS)[]).filter((name) => name !== 'common');
      for (const name of names) ajv.addSchema(SCHEMAS[name]);
      const code = standalone.default(ajv, Object.fromEntries(names.map((name) => [name, SCHEMAS[name].$id])));
      return { contents: `${code}\nexport const PRECOMPILED = { ${names.join(', ')} };\n`, loader: 'js', resolveDir: `${ROOT}scripts/core/records` };
    });
  },
};

/**
 * Leaves @actions/core's OIDC client out of the Action: only core.getIDToken uses it, and it pulls
 * in @actions/http-client and undici (about 0.8 MB, parsed at every start). The stub fails loudly
 * if anything ever calls it.
 */
const withoutOidc: Plugin = {
  name: 'without-oidc',
  setup(esbuild) {
    esbuild.onLoad({ filter: /[/\\]@actions[/\\]core[/\\]lib[/\\]oidc-utils\.js$/ }, () => ({
      contents: "export class OidcClient { static getIDToken() { throw new Error('incidents-as-code bundles @actions/core without its OIDC client'); } }",
      loader: 'js',
    }));
  },
};

// `build.ts [name…]` builds the bundles named (all by default). `npm test` and `npm pack` build only the bin, so the
// committed dist/action.js is what the freshness test compares the sources with.
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const names = process.argv.slice(2);
  await mkdir(`${ROOT}dist`, { recursive: true });
  for (const { entry, outfile } of BUNDLES.filter(({ name }) => names.length === 0 || names.includes(name))) {
    await writeFile(outfile, await bundle(entry));
    await chmod(outfile, 0o755);
  }
}
