import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './run-cli.js';

/** Where a copy of Debian's Alertmanager is unpacked when the machine has none installed. */
const CACHE = join(ROOT, 'node_modules/.cache/incidents-as-code/alertmanager');

/**
 * The path of a real Alertmanager: Debian's package when it is installed (.ci/run installs it), or
 * else the same package fetched from Debian's archive with apt's own client into a cache folder and
 * unpacked with dpkg-deb, which needs no root (apt reads its package lists from the cache too). See
 * docs/decisions.md, "A real Alertmanager in the tests".
 */
export function alertmanagerBinary(): string {
  const installed = '/usr/bin/prometheus-alertmanager';
  if (existsSync(installed)) return installed;
  const cached = join(CACHE, 'root/usr/bin/prometheus-alertmanager');
  if (existsSync(cached)) return cached;
  for (const folder of ['lists/partial', 'cache/archives/partial', 'root']) mkdirSync(join(CACHE, folder), { recursive: true });
  const apt = ['-q', '-o', `Dir::State::Lists=${join(CACHE, 'lists')}`, '-o', `Dir::Cache=${join(CACHE, 'cache')}`, '-o', 'Debug::NoLocking=1'];
  const run = (args: string[]) => execFileSync('apt-get', args, { cwd: CACHE, stdio: ['ignore', 'ignore', 'pipe'], timeout: 300_000 });
  run([...apt, 'update']);
  run([...apt, 'download', 'prometheus-alertmanager']);
  const deb = readdirSync(CACHE).find((name) => name.startsWith('prometheus-alertmanager_') && name.endsWith('.deb'));
  if (!deb) throw new Error(`apt-get download left no prometheus-alertmanager .deb in ${CACHE}`);
  execFileSync('dpkg-deb', ['-x', join(CACHE, deb), join(CACHE, 'root')]);
  return cached;
}

/** A free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** A running Alertmanager on 127.0.0.1: its API address and how to stop it. */
export interface RunningAlertmanager {
  url: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

/**
 * Starts Alertmanager on 127.0.0.1 with no cluster, a temporary storage folder, and one route to a
 * webhook receiver (bearer token, short group_wait and group_interval); waits, bounded, until its API answers.
 */
export async function startAlertmanager(webhookUrl: string, token: string): Promise<RunningAlertmanager> {
  const dir = mkdtempSync(join(tmpdir(), 'incidents-alertmanager-'));
  const config = [
    'route:',
    '  receiver: incidents',
    '  group_by: [alertname]',
    '  group_wait: 1s',
    '  group_interval: 1s',
    '  repeat_interval: 1h',
    'receivers:',
    '  - name: incidents',
    '    webhook_configs:',
    `      - url: ${JSON.stringify(webhookUrl)}`,
    '        send_resolved: true',
    '        http_config:',
    '          authorization:',
    `            credentials: ${JSON.stringify(token)}`,
    '',
  ].join('\n');
  writeFileSync(join(dir, 'alertmanager.yml'), config);
  const port = await freePort();
  const child = spawn(
    alertmanagerBinary(),
    [
      `--config.file=${join(dir, 'alertmanager.yml')}`,
      `--storage.path=${join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--cluster.listen-address=',
      '--log.level=warn',
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let log = '';
  child.stderr!.on('data', (chunk) => (log += chunk));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`Alertmanager exited (${child.exitCode}): ${log}`);
    try {
      if ((await fetch(`${url}/-/ready`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`Alertmanager did not become ready within 20 s: ${log}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    url,
    process: child,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** Polls `check` every 100 ms until it returns a value, for at most `ms`. */
export async function waitFor<T>(what: string, ms: number, check: () => T | undefined): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`waited ${ms} ms for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
