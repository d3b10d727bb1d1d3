import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fitDispatch } from '../core/intake/fit-dispatch.js';
import { isObject } from '../core/intake/json-checks.js';
import { parseAlertGroup } from '../core/intake/parse-alerts.js';
import { DISPATCH_EVENT_TYPE } from '../core/intake/parse-payload.js';
import { slimWebhook } from '../core/intake/slim-webhook.js';
import { createGitHub, describeError } from './github/api.js';
import type { RepositoryTarget } from './github/event.js';

/** The largest webhook body the relay reads by default: 1 MiB (larger ones are trimmed to GitHub's limit anyway). */
export const RELAY_MAX_BODY = 1024 * 1024;

/** The paths the relay takes webhooks on, and the source each is. */
const ROUTES: Readonly<Record<string, 'alertmanager' | 'grafana'>> = { '/alertmanager': 'alertmanager', '/grafana': 'grafana' };

export interface RelayOptions {
  /** The bearer token senders must present (INCIDENTS_RELAY_TOKEN); never logged. */
  token: string;
  /** Where dispatches go: GITHUB_API_URL, GITHUB_REPOSITORY, GITHUB_TOKEN. */
  target: RepositoryTarget;
  maxBodyBytes?: number;
  /** One line per request. */
  log: (line: string) => void;
  retryBaseMs?: number;
  /** The most connections open at once (default RELAY_MAX_CONNECTIONS); more are closed as they come. */
  maxConnections?: number;
}

/** The most connections the relay keeps open at once: slow or idle senders cannot take them all. */
export const RELAY_MAX_CONNECTIONS = 256;

/** How long a request may take from its first byte to its end, and its headers alone; checked every second. */
const REQUEST_TIMEOUT_MS = 15_000;
const HEADERS_TIMEOUT_MS = 10_000;
const TIMEOUT_CHECK_MS = 1_000;

/** A running relay: where it listens, and how to stop it (in-flight requests finish first). */
export interface Relay {
  url: string;
  close(): Promise<void>;
}

/** Compares a presented secret with the expected one in time that does not depend on where they differ (both hashed to the same length first). */
export function sameSecret(presented: string, expected: string): boolean {
  const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();
  return timingSafeEqual(digest(presented), digest(expected));
}

/**
 * Starts the relay: `POST /alertmanager` and `POST /grafana` take a webhook body with
 * `Authorization: Bearer <token>`, check it is a webhook intake can read, and forward it as a
 * repository_dispatch (`incident-alert`, `client_payload: {source, payload}`), trimmed to GitHub's
 * limits: 202 once GitHub accepted it, 400 not a webhook, 401 wrong token, 413 too large, 502 GitHub
 * failed (the sender retries). `GET /healthz` answers 200.
 */
export async function startRelay(options: RelayOptions, host: string, port: number): Promise<Relay> {
  const github = createGitHub(options.target, options.retryBaseMs);
  const maxBody = options.maxBodyBytes ?? RELAY_MAX_BODY;
  const server: Server = createServer(
    { requestTimeout: REQUEST_TIMEOUT_MS, headersTimeout: HEADERS_TIMEOUT_MS, connectionsCheckingInterval: TIMEOUT_CHECK_MS },
    (request, response) => {
      const started = process.hrtime.bigint();
      handle(request, response, { ...options, maxBody, github }).then(
        ({ status, note }) => log(options, request, status, note, started),
        (error: unknown) => {
          // A sender that went away (or was cut off by the timeout) mid-body is not the relay's fault.
          if (!request.complete) return log(options, request, 499, 'client aborted before the body was read', started);
          if (!response.headersSent) respond(response, 500, { error: 'internal error' });
          log(options, request, 500, `internal error: ${error instanceof Error ? error.message : String(error)}`, started);
        },
      );
    },
  );
  server.maxConnections = options.maxConnections ?? RELAY_MAX_CONNECTIONS;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const shown = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${shown}:${address.port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      }),
  };
}

function log(options: RelayOptions, request: IncomingMessage, status: number, note: string, started: bigint): void {
  const path = (request.url ?? '').split('?')[0]!;
  const shown = path in ROUTES || path === '/healthz' ? path : '(other path)';
  const ms = Number((process.hrtime.bigint() - started) / 1_000_000n);
  options.log(`${new Date().toISOString()} ${request.method?.replace(/[^A-Z]/g, '') ?? '-'} ${shown} ${status} ${ms}ms ${note}`);
}

function respond(response: ServerResponse, status: number, body: Record<string, unknown>): void {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  response.end(`${JSON.stringify(body)}\n`);
}

type Handled = { status: number; note: string };

async function handle(
  request: IncomingMessage,
  response: ServerResponse,
  context: RelayOptions & { maxBody: number; github: ReturnType<typeof createGitHub> },
): Promise<Handled> {
  const path = (request.url ?? '').split('?')[0]!;
  const send = (status: number, body: Record<string, unknown>, note: string): Handled => {
    respond(response, status, body);
    return { status, note };
  };
  /** A refusal: the connection is closed after the answer, and what the sender still sends is never read. */
  const refuse = (status: number, body: Record<string, unknown>, note: string): Handled => {
    response.setHeader('connection', 'close');
    response.once('finish', () => request.socket.destroy());
    return send(status, body, note);
  };
  if (path === '/healthz')
    return request.method === 'GET' || request.method === 'HEAD' ? send(200, { ok: true }, 'healthy') : refuse(405, { error: 'GET only' }, 'wrong method');
  const source = Object.hasOwn(ROUTES, path) ? ROUTES[path]! : undefined;
  if (!source) return refuse(404, { error: 'not found: POST /alertmanager or /grafana' }, 'unknown path');
  if (request.method !== 'POST') return refuse(405, { error: 'POST only' }, 'wrong method');
  const presented = /^Bearer (.+)$/i.exec(request.headers.authorization ?? '')?.[1] ?? '';
  if (!sameSecret(presented, context.token)) {
    response.setHeader('www-authenticate', 'Bearer');
    return refuse(401, { error: 'a valid Authorization: Bearer token is needed' }, 'unauthorized');
  }
  const declared = Number(request.headers['content-length'] ?? 0);
  if (declared > context.maxBody) return refuse(413, { error: `the body is over ${context.maxBody} bytes` }, `body of ${declared} bytes refused`);
  const body = await readBody(request, context.maxBody);
  if (body === undefined) return refuse(413, { error: `the body is over ${context.maxBody} bytes` }, 'body over the limit');
  let value: unknown;
  try {
    value = JSON.parse(body.toString('utf8'));
  } catch {
    return send(400, { error: 'the body is not JSON' }, 'not JSON');
  }
  // Only what intake reads, and at most MAX_ALERTS alerts: the largest outages are forwarded, not refused.
  const slim = isObject(value) ? slimWebhook(value) : { body: value, dropped: 0 };
  const parsed = parseAlertGroup(source, slim.body);
  if (!parsed.ok || !isObject(slim.body))
    return send(400, { error: `not a ${source} webhook`, problems: parsed.ok ? [] : parsed.problems.slice(0, 5) }, 'not a webhook');
  const fitted = fitDispatch(source, slim.body);
  if (!fitted.ok) return send(413, { error: fitted.message }, 'too large for a dispatch');
  const alerts = parsed.value.alerts.length + slim.dropped;
  const left = slim.dropped + fitted.trimmed;
  const trimmed = left > 0 ? `, ${left} left out to fit GitHub's limit` : '';
  try {
    await context.github.rest.repos.createDispatchEvent({
      owner: context.target.owner,
      repo: context.target.repo,
      event_type: DISPATCH_EVENT_TYPE,
      client_payload: fitted.clientPayload,
      // One retry, not the gate's three: the sender is waiting, and retries on a 502 itself.
      request: { retries: 1 },
    });
  } catch (error) {
    return send(502, { error: 'GitHub did not accept the dispatch: retry later' }, `GitHub failed: ${describeError(error)}`);
  }
  return send(202, { forwarded: alerts - left, trimmed: left }, `${source} ${parsed.value.status}: ${alerts} alert(s) forwarded${trimmed}`);
}

/**
 * The request's body, or undefined as soon as it is over `limit` bytes: what follows is dropped
 * (never kept) until the 413 is sent and the connection closed.
 */
function readBody(request: IncomingMessage, limit: number): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let length = 0;
    let over = false;
    request.on('data', (chunk: Buffer) => {
      if (over) return;
      length += chunk.length;
      if (length > limit) {
        over = true;
        resolve(undefined);
      } else chunks.push(chunk);
    });
    request.on('end', () => {
      if (!over) resolve(Buffer.concat(chunks));
    });
    request.on('error', reject);
    // The sender went away, or the request timed out: no 'end' comes.
    request.on('close', () => {
      if (!request.complete && !over) reject(new Error('client aborted'));
    });
  });
}
