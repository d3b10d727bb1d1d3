import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { request } from 'node:http';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { fitDispatch } from '../scripts/core/intake/fit-dispatch.js';
import { startRelay, type Relay } from '../scripts/io/relay-server.js';
import { startAlertmanager, waitFor } from './helpers/alertmanager.js';
import { FakeGitHub } from './helpers/fake-github.js';
import { fixture, INTAKE_REPO } from './helpers/intake.js';
import { ROOT, runCliCapturing } from './helpers/run-cli.js';

const TOKEN = 'relay-test-token-0123456789';
const relay = suite('incidents relay');

async function setUp(maxBodyBytes?: number, maxConnections?: number) {
  const fake = await FakeGitHub.start({ owner: 'acme', repo: 'incidents', number: 1, author: 'someone', headSha: 'b'.repeat(40) });
  const lines: string[] = [];
  const server = await startRelay(
    {
      token: TOKEN,
      target: { apiUrl: fake.url, owner: 'acme', repo: 'incidents', token: fake.token },
      log: (line) => lines.push(line),
      retryBaseMs: 5,
      ...(maxBodyBytes ? { maxBodyBytes } : {}),
      ...(maxConnections ? { maxConnections } : {}),
    },
    '127.0.0.1',
    0,
  );
  return { fake, server, lines, close: async () => (await server.close(), await fake.close()) };
}

const post = (server: Relay, path: string, body: string, token = TOKEN) =>
  fetch(`${server.url}${path}`, {
    method: 'POST',
    body,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
  });

relay('forwards an Alertmanager webhook as a repository_dispatch; 202, and one log line without the token', async () => {
  const { fake, server, lines, close } = await setUp();
  try {
    const body = readFileSync(join(ROOT, 'test/fixtures/intake/alertmanager-firing.json'), 'utf8');
    const response = await post(server, '/alertmanager', body);
    assert.is(response.status, 202);
    assert.equal(await response.json(), { forwarded: 4, trimmed: 0 });
    // Only what intake reads is forwarded: the group's fields Alertmanager adds for people are left out.
    const { receiver, groupLabels, commonLabels, commonAnnotations, externalURL, ...read } = JSON.parse(body) as Record<string, unknown>;
    assert.ok(receiver && groupLabels && commonLabels && commonAnnotations && externalURL, 'the fixture has them');
    assert.equal(Object.keys(read).sort(), ['alerts', 'groupKey', 'status', 'truncatedAlerts', 'version']);
    assert.equal(fake.dispatches, [{ event_type: 'incident-alert', client_payload: { source: 'alertmanager', payload: read } }]);
    assert.is((await fetch(`${server.url}/healthz`)).status, 200);
    assert.is(lines.length, 2);
    assert.match(lines[0]!, /^\d{4}-\d\d-\d\dT[\d:.]+Z POST \/alertmanager 202 \d+ms alertmanager firing: 4 alert\(s\) forwarded$/);
    assert.not.ok(lines.join('\n').includes(TOKEN));
    assert.equal(fake.problems, []);
  } finally {
    await close();
  }
});

relay('401 without the token or with a wrong one, 400 for what is not a webhook, 404 elsewhere; nothing forwarded', async () => {
  const { fake, server, lines, close } = await setUp();
  try {
    const body = JSON.stringify(fixture('grafana-firing.json'));
    assert.is((await post(server, '/grafana', body, '')).status, 401);
    assert.is((await post(server, '/grafana', body, `${TOKEN}x`)).status, 401);
    assert.is((await post(server, '/grafana', body, TOKEN.slice(0, -1))).status, 401);
    assert.is((await post(server, '/grafana', '{"status": ')).status, 400);
    const invalid = await post(server, '/alertmanager', JSON.stringify({ version: '4', status: 'firing' }));
    assert.is(invalid.status, 400);
    assert.match(JSON.stringify(await invalid.json()), /groupKey: missing/);
    assert.is((await post(server, '/admin%2Falertmanager', body)).status, 404);
    assert.equal(fake.dispatches, []);
    assert.ok(
      lines.some((line) => line.includes(' (other path) 404 ')),
      'an unknown path is not echoed',
    );
    assert.is((await post(server, '/grafana', body)).status, 202);
  } finally {
    await close();
  }
});

relay('413 for a body over the limit, declared or streamed', async () => {
  const { fake, server, close } = await setUp(4096);
  try {
    assert.is((await post(server, '/alertmanager', `{"x": "${'a'.repeat(5000)}"}`)).status, 413);
    const streamed = await new Promise<number>((resolve, reject) => {
      const url = new URL(`${server.url}/alertmanager`);
      const req = request(
        {
          host: url.hostname,
          port: url.port,
          path: url.pathname,
          method: 'POST',
          headers: { authorization: `Bearer ${TOKEN}`, 'transfer-encoding': 'chunked' },
        },
        (res) => resolve(res.statusCode!),
      );
      req.on('error', (error) => setImmediate(() => reject(error))); // the answer may come before the write fails
      for (let i = 0; i < 10; i++) req.write('a'.repeat(1000));
      req.end();
    });
    assert.is(streamed, 413);
    assert.equal(fake.dispatches, []);
  } finally {
    await close();
  }
});

/** A raw connection to the relay: what it received, and whether the relay closed it within a bound (far below the request timeout). */
async function connect(server: Relay) {
  const url = new URL(server.url);
  const socket = createConnection({ host: url.hostname, port: Number(url.port) });
  await once(socket, 'connect');
  let received = '';
  socket.on('data', (chunk: Buffer) => (received += chunk.toString('latin1')));
  socket.on('error', () => {}); // a reset after the answer is a close too
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  return {
    socket,
    received: () => received,
    closedWithin: (ms: number) => Promise.race([closed.then(() => true), new Promise<boolean>((resolve) => setTimeout(() => resolve(false), ms).unref())]),
  };
}

relay('a refused sender cannot hold the connection: 401, 404 and 405 close it without reading the rest of the body', async () => {
  const { server, close } = await setUp();
  try {
    for (const [head, status] of [
      ['POST /alertmanager HTTP/1.1', '401'],
      ['POST /admin HTTP/1.1', '404'],
      [`PUT /grafana HTTP/1.1\r\nauthorization: Bearer ${TOKEN}`, '405'],
    ] as const) {
      const client = await connect(server);
      // A slow sender: a large body declared, a few bytes of it sent, the connection kept alive.
      client.socket.write(`${head}\r\nhost: relay\r\nconnection: keep-alive\r\ncontent-type: application/json\r\ncontent-length: 100000\r\n\r\n{"status":`);
      const closed = await client.closedWithin(5_000);
      client.socket.destroy();
      assert.ok(closed, `the ${status} closes the connection`);
      assert.match(client.received(), new RegExp(`^HTTP/1\\.1 ${status} `));
      assert.match(client.received(), /\r\nconnection: close\r\n/i);
    }
  } finally {
    await close();
  }
});

relay('connections over the limit are closed as they come', async () => {
  const { server, close } = await setUp(undefined, 2);
  try {
    const held = [await connect(server), await connect(server)];
    for (const client of held) client.socket.write('GET /healthz HTTP/1.1\r\nhost: relay\r\n\r\n');
    await waitFor('two answers', 5_000, () => (held.every((client) => client.received().includes('200 OK')) ? true : undefined));
    const third = await connect(server);
    const closed = await third.closedWithin(5_000);
    for (const client of [...held, third]) client.socket.destroy();
    assert.ok(closed, 'the third connection is closed');
    assert.is(third.received(), '');
  } finally {
    await close();
  }
});

relay('a sender that goes away mid-body is logged as a client abort, not an internal error', async () => {
  const { server, lines, close } = await setUp();
  try {
    const aborting = await connect(server);
    aborting.socket.write(`POST /alertmanager HTTP/1.1\r\nhost: relay\r\nauthorization: Bearer ${TOKEN}\r\ncontent-length: 1000\r\n\r\n{"status":`);
    aborting.socket.end();
    const line = await waitFor('the abort logged', 5_000, () => lines.find((candidate) => candidate.includes(' POST /alertmanager ')));
    assert.match(line, / POST \/alertmanager 499 \d+ms client aborted/);
    assert.not.ok(lines.some((candidate) => candidate.includes('internal error')));
  } finally {
    await close();
  }
});

relay('502 when GitHub fails, so the sender retries; the retry goes through', async () => {
  const { fake, server, lines, close } = await setUp();
  try {
    fake.failNext = 100;
    const body = JSON.stringify(fixture('grafana-firing.json'));
    assert.is((await post(server, '/grafana', body)).status, 502);
    assert.match(lines.at(-1)!, / 502 \d+ms GitHub failed: POST \/repos\/acme\/incidents\/dispatches: HTTP 500/);
    fake.failNext = 0;
    assert.is((await post(server, '/grafana', body)).status, 202);
    assert.is(fake.dispatches.length, 1);
  } finally {
    await close();
  }
});

relay("a webhook over GitHub's client_payload limit is trimmed, firing alerts first, and the rest counted", async () => {
  const { fake, server, close } = await setUp();
  try {
    const body = fixture<{ alerts: Record<string, unknown>[] }>('alertmanager-firing.json');
    const template = body.alerts[0]!;
    body.alerts = Array.from({ length: 300 }, (_, index) => ({
      ...template,
      status: index % 2 ? 'resolved' : 'firing',
      fingerprint: `f${index}`,
      annotations: { summary: 'x'.repeat(300) },
    }));
    const response = await post(server, '/alertmanager', JSON.stringify(body));
    assert.is(response.status, 202);
    const { forwarded, trimmed } = (await response.json()) as { forwarded: number; trimmed: number };
    assert.ok(trimmed > 0 && forwarded + trimmed === 300);
    const sent = fake.dispatches[0]!.client_payload as { payload: { alerts: { status: string }[]; truncatedAlerts: number } };
    assert.ok(JSON.stringify(sent).length < 64_000);
    assert.is(sent.payload.truncatedAlerts, trimmed);
    assert.ok(sent.payload.alerts.slice(0, 150).every((alert) => alert.status === 'firing'));
    assert.equal(fake.problems, []);
    assert.equal(fitDispatch('alertmanager', { commonLabels: { a: 'x'.repeat(70_000) }, alerts: [] }).ok, false);
  } finally {
    await close();
  }
});

relay('the largest outages are forwarded: over 1,000 alerts are cut to 1,000 and counted, not refused', async () => {
  const { fake, server, close } = await setUp();
  try {
    const body = fixture<{ alerts: Record<string, unknown>[]; truncatedAlerts: number }>('alertmanager-firing.json');
    const template = body.alerts[0]!;
    body.truncatedAlerts = 5;
    body.alerts = Array.from({ length: 1001 }, (_, index) => ({ ...template, fingerprint: `f${index}`, annotations: { summary: 'y'.repeat(200) } }));
    const text = JSON.stringify(body);
    assert.ok(text.length > 400_000, 'a body as large as the review found');
    const response = await post(server, '/alertmanager', text);
    assert.is(response.status, 202, await response.clone().text());
    const { forwarded, trimmed } = (await response.json()) as { forwarded: number; trimmed: number };
    assert.is(forwarded + trimmed, 1001);
    const sent = fake.dispatches[0]!.client_payload as { payload: { alerts: unknown[]; truncatedAlerts: number } };
    assert.is(sent.payload.alerts.length, forwarded);
    assert.is(sent.payload.truncatedAlerts, 5 + trimmed, 'what the sender had left out, and what the relay left out');
    assert.equal(fake.problems, []);
  } finally {
    await close();
  }
});

relay('a Grafana webhook with a huge message is forwarded without the fields intake does not read', async () => {
  const { fake, server, close } = await setUp();
  try {
    const body = fixture<{ message: string; alerts: Record<string, unknown>[] }>('grafana-firing.json');
    body.message = 'm'.repeat(70_000);
    body.alerts[0]!.valueString = 'v'.repeat(70_000);
    const response = await post(server, '/grafana', JSON.stringify(body));
    assert.is(response.status, 202, await response.clone().text());
    assert.equal(await response.json(), { forwarded: 1, trimmed: 0 });
    const sent = fake.dispatches[0]!.client_payload as { payload: Record<string, unknown> & { alerts: Record<string, unknown>[] } };
    assert.equal(Object.keys(sent.payload).sort(), ['alerts', 'groupKey', 'status', 'truncatedAlerts', 'version']);
    assert.equal(Object.keys(sent.payload.alerts[0]!).sort(), ['annotations', 'endsAt', 'fingerprint', 'generatorURL', 'labels', 'startsAt', 'status']);
  } finally {
    await close();
  }
});

relay('stops gracefully on SIGTERM: a request in flight is answered, then it exits 0', async () => {
  const fake = await FakeGitHub.start({ owner: 'acme', repo: 'incidents', number: 1, author: 'someone', headSha: 'b'.repeat(40) });
  const child = spawn(process.execPath, ['--import', './scripts/ts-node-register.js', 'scripts/bin.ts', 'relay', '--listen', '127.0.0.1:0'], {
    cwd: ROOT,
    env: { ...process.env, INCIDENTS_RELAY_TOKEN: TOKEN, GITHUB_API_URL: fake.url, GITHUB_REPOSITORY: 'acme/incidents', GITHUB_TOKEN: fake.token },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (chunk) => (out += chunk));
  try {
    const url = await waitFor('the relay to listen', 20_000, () => /listening on (http:\/\/\S+)/.exec(out)?.[1]);
    const body = JSON.stringify(fixture('grafana-firing.json'));
    const answered = new Promise<number>((resolve, reject) => {
      const target = new URL(`${url}/grafana`);
      const req = request(
        {
          host: target.hostname,
          port: target.port,
          path: target.pathname,
          method: 'POST',
          headers: { authorization: `Bearer ${TOKEN}`, 'content-length': Buffer.byteLength(body) },
        },
        (res) => {
          res.resume();
          resolve(res.statusCode!);
        },
      );
      req.on('error', reject);
      req.write(body.slice(0, 100));
      // Half the body is sent; the relay is told to stop; then the rest arrives.
      setImmediate(() => {
        child.kill('SIGTERM');
        waitFor('the relay to start stopping', 10_000, () => (out.includes('stopping') ? true : undefined)).then(() => req.end(body.slice(100)), reject);
      });
    });
    assert.is(await answered, 202);
    const code = await new Promise<number | null>((resolve) => (child.exitCode !== null ? resolve(child.exitCode) : child.once('exit', resolve)));
    assert.is(code, 0);
    assert.match(out, /POST \/grafana 202 .*\n.*stopped\n$/s);
    assert.is(fake.dispatches.length, 1);
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL');
    await fake.close();
  }
});

relay('usage: a short token or a bad address is refused with exit 2', async () => {
  const short = await runCliCapturing(['relay'], { env: { INCIDENTS_RELAY_TOKEN: 'short', GITHUB_REPOSITORY: 'a/b', GITHUB_TOKEN: 't' } });
  assert.is(short.code, 2);
  assert.match(short.stderr, /INCIDENTS_RELAY_TOKEN to a secret of at least 16 characters/);
  const address = await runCliCapturing(['relay', '--listen', 'localhost'], {
    env: { INCIDENTS_RELAY_TOKEN: TOKEN, GITHUB_REPOSITORY: 'a/b', GITHUB_TOKEN: 't' },
  });
  assert.match(address.stderr, /--listen localhost is not HOST:PORT/);
});

relay.run();

const endToEnd = suite('Alertmanager → relay → repository_dispatch → intake');

endToEnd('a real Alertmanager fires and resolves; intake opens the incident, then moves it to monitoring', async () => {
  const { fake, server, close } = await setUp();
  const alertmanager = await startAlertmanager(`${server.url}/alertmanager`, TOKEN);
  const dir = mkdtempSync(join(tmpdir(), 'incidents-e2e-'));
  cpSync(INTAKE_REPO, dir, { recursive: true });
  const runIntake = async (payload: unknown, at: string) => {
    const path = join(dir, 'event.json');
    writeFileSync(path, JSON.stringify({ action: 'incident-alert', client_payload: payload }));
    return runCliCapturing(['intake', '--payload', path, '--at', at, '--format', 'json', '--root', dir]);
  };
  try {
    const startsAt = new Date(Date.now() - 60_000).toISOString();
    const alert = {
      labels: { alertname: 'CheckoutErrors', service: 'checkout', severity: 'page' },
      annotations: { summary: 'Card payments failing' },
      generatorURL: 'http://prometheus.test.example:9090/graph',
      startsAt,
    };
    const fire = await fetch(`${alertmanager.url}/api/v2/alerts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([alert]),
    });
    assert.is(fire.status, 200);
    const firing = await waitFor('the firing dispatch', 20_000, () => fake.dispatches[0]);
    assert.is(firing.event_type, 'incident-alert');
    const created = await runIntake(firing.client_payload, new Date().toISOString().replace(/\.\d+Z$/, 'Z'));
    assert.is(created.code, 0, created.stderr);
    assert.equal(
      (JSON.parse(created.stdout) as { created: { id: string; key: string }[] }).created.map(({ id, key }) => [id, key]),
      [['INC-2026-0001', 'alertname="CheckoutErrors",service="checkout"']],
    );

    const resolve = await fetch(`${alertmanager.url}/api/v2/alerts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([{ ...alert, endsAt: new Date(Date.now() - 1_000).toISOString() }]),
    });
    assert.is(resolve.status, 200);
    const resolved = await waitFor('the resolved dispatch', 20_000, () =>
      fake.dispatches.find((dispatch) => (dispatch.client_payload as { payload: { status: string } }).payload.status === 'resolved'),
    );
    const moved = await runIntake(resolved.client_payload, new Date(Date.now() + 1_000).toISOString().replace(/\.\d+Z$/, 'Z'));
    assert.is(moved.code, 0, moved.stderr);
    assert.equal(
      (JSON.parse(moved.stdout) as { updated: { id: string; status: string }[] }).updated.map(({ id, status }) => [id, status]),
      [['INC-2026-0001', 'monitoring']],
    );
    const validate = await runCliCapturing(['validate', '--root', dir]);
    assert.is(validate.code, 0, validate.stdout);
    assert.equal(fake.problems, []);
  } finally {
    await alertmanager.stop();
    await close();
  }
});

endToEnd.run();
