import { UsageError } from '../core/errors.js';
import { readRepositoryTarget } from '../io/github/event.js';
import { RELAY_MAX_BODY, startRelay } from '../io/relay-server.js';
import { parseOptions, type CommandContext } from './context.js';
import type { CommandHelp } from './help.js';

export const RELAY_HELP: CommandHelp = {
  brief: 'forward alert webhooks to GitHub as repository_dispatch',
  usage: 'incidents relay [--listen HOST:PORT]',
  summary:
    "A small HTTP receiver for senders that cannot call GitHub themselves (Alertmanager): POST /alertmanager and POST /grafana with Authorization: Bearer $INCIDENTS_RELAY_TOKEN forward the body as a repository_dispatch (incident-alert) to GITHUB_REPOSITORY on GITHUB_API_URL with GITHUB_TOKEN, trimmed to GitHub's limits. Answers 202 accepted, 400 not a webhook, 401 wrong token, 413 too large, 502 GitHub failed (the sender retries); GET /healthz 200. One log line per request, never a secret. Stops gracefully on SIGTERM.",
  options: [['--listen HOST:PORT', `where to listen (default 127.0.0.1:8787; port 0 picks a free one); bodies over ${RELAY_MAX_BODY} bytes are refused`]],
  example: 'INCIDENTS_RELAY_TOKEN=… GITHUB_REPOSITORY=acme/incidents GITHUB_TOKEN=… incidents relay --listen 127.0.0.1:8787',
  exits: 'runs until stopped (SIGTERM or SIGINT: 0); 2 a usage error or the address cannot be listened on',
};

/** The shortest relay token taken: a guessable one would let anyone open incidents. */
const MIN_TOKEN_LENGTH = 16;

/** `incidents relay`: listens until SIGTERM or SIGINT (or the context's signal), then stops taking requests and lets those in flight finish. */
export async function relayCommand(args: string[], context: CommandContext): Promise<number> {
  const { values } = parseOptions('relay', args, { listen: { type: 'string' } });
  const listen = values.listen ?? '127.0.0.1:8787';
  const match = /^(\[[0-9a-fA-F:.]+\]|[^:]+):(\d{1,5})$/.exec(listen);
  const port = Number(match?.[2]);
  if (!match || port > 65535) throw new UsageError(`incidents relay: --listen ${listen} is not HOST:PORT, e.g. 127.0.0.1:8787`);
  const host = match[1]!.replace(/^\[|\]$/g, '');
  const token = context.env.INCIDENTS_RELAY_TOKEN ?? '';
  if (token.length < MIN_TOKEN_LENGTH)
    throw new UsageError(
      `incidents relay: set INCIDENTS_RELAY_TOKEN to a secret of at least ${MIN_TOKEN_LENGTH} characters (senders present it as a bearer token)`,
    );
  const target = readRepositoryTarget(context.env);
  if (!target.ok) throw new UsageError(`incidents relay: ${target.reason}`);

  let relay;
  try {
    relay = await startRelay({ token, target: target.target, log: (line) => context.stdout(`${line}\n`), retryBaseMs: context.retryBaseMs }, host, port);
  } catch (error) {
    context.stderr(`incidents relay: cannot listen on ${listen}: ${(error as NodeJS.ErrnoException).code ?? String(error)}\n`);
    return 2;
  }
  context.stdout(`incidents relay: listening on ${relay.url} for ${target.target.owner}/${target.target.repo}\n`);
  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGTERM', stop);
      process.off('SIGINT', stop);
      resolve();
    };
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
    context.signal?.addEventListener('abort', stop, { once: true });
  });
  context.stdout('incidents relay: stopping, finishing requests in flight\n');
  await relay.close();
  context.stdout('incidents relay: stopped\n');
  return 0;
}
