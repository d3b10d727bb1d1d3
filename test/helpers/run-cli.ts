import { fileURLToPath } from 'node:url';
import { runCli } from '../../scripts/cli.js';

/** The project's root folder. */
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Runs the CLI in-process, as a test would from a shell, and captures what it prints. */
export async function runCliCapturing(argv: string[], { cwd = ROOT, env = {} as Record<string, string> } = {}) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { cwd, env, stdout: (text) => (stdout += text), stderr: (text) => (stderr += text), retryBaseMs: 5 });
  return { code, stdout, stderr };
}
