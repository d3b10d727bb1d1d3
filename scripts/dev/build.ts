/**
 * Bundles the CLI into one JavaScript file, dist/incidents.js: the package's `incidents` bin and
 * what workflows run (no TypeScript compile at start-up). `npm ci` runs it through `prepare`.
 */
import { chmod } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const BUNDLE = `${ROOT}dist/incidents.js`;

await build({
  entryPoints: [`${ROOT}scripts/cli.ts`],
  outfile: BUNDLE,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  legalComments: 'none',
  logLevel: 'warning',
  // Bundled CommonJS dependencies call require(); ESM output has none unless we make one.
  banner: { js: "#!/usr/bin/env node\nimport { createRequire as __createRequire } from 'node:module';\nconst require = __createRequire(import.meta.url);" },
});
await chmod(BUNDLE, 0o755);
