import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/** Flags for a headless run on a closed network: no first-run, sync or update traffic. */
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'];

/**
 * Starts headless Chromium: CHROMIUM_PATH when set, else Debian's /usr/bin/chromium when present
 * (.ci/run installs it), else the Chromium that the npm package @sparticuz/chromium ships in
 * node_modules, so `npm test` needs nothing but Node. Never a browser download. Fails with the
 * reason, naming the browser it tried.
 */
export async function launchChromium(): Promise<Browser> {
  const { executablePath, source } = await findChromium();
  try {
    return await chromium.launch({ executablePath, args: FLAGS });
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new Error(`Chromium (${source}, ${executablePath}) did not start: ${reason}`, { cause: error });
  }
}

async function findChromium(): Promise<{ executablePath: string; source: string }> {
  const configured = process.env.CHROMIUM_PATH;
  if (configured) {
    if (!existsSync(configured)) throw new Error(`CHROMIUM_PATH is ${configured}, which does not exist`);
    return { executablePath: configured, source: 'CHROMIUM_PATH' };
  }
  if (existsSync('/usr/bin/chromium')) return { executablePath: '/usr/bin/chromium', source: "Debian's chromium" };
  const { default: packaged } = await import('@sparticuz/chromium');
  return { executablePath: await packaged.executablePath(), source: 'the npm package @sparticuz/chromium' };
}
