import { publicEvents, type PublicEvent } from '../core/announce/events.js';
import { checkRepositoryRecords } from '../io/check-in-threads.js';
import { planAnnouncements, type ChannelPlan } from '../core/announce/plan.js';
import { channelState, emptyState, MAX_REFUSALS, type AnnounceState } from '../core/announce/state.js';
import { DeliveryError, StateWriteError, UsageError } from '../core/errors.js';
import { findingAt, hasErrors, sortFindings } from '../core/findings.js';
import { buildStatusModel, type StatusModel } from '../core/status/status-model.js';
import { parseDuration } from '../core/time/duration.js';
import { toMillis } from '../core/time/timestamps.js';
import { createGitHub } from '../io/github/api.js';
import { readRepositoryTarget } from '../io/github/event.js';
import { openAnnounceChannel } from '../io/notify/announce-channels.js';
import { fileStore, gitHubStore, type AnnounceStore } from '../io/notify/announce-store.js';
import { findRoot } from '../io/repository/read-repository.js';
import { wordingOf } from '../render/announce/wording.js';
import { chooseReporter } from '../reporters/index.js';
import { EXIT, parseOptions, type CommandContext } from './context.js';
import { AT_OPTION, formatOption, ROOT_OPTION, type CommandHelp } from './help.js';
import { streamRepositoryWithConfig } from './read-config.js';
import { timestampOption } from './record-options.js';
import { resolve } from 'node:path';

export const ANNOUNCE_HELP: CommandHelp = {
  brief: 'tell the channels of the config about public events',
  usage: 'incidents announce [--at TIME] [--state FILE] [--dry-run] [--root DIR] [--format text|json|github]',
  summary:
    "Delivers every public event not yet delivered (a new incident and each update, component changes, maintenance scheduled, reminded, started and completed, a published postmortem) to the channels of the config's announce section: Slack, Teams, Statuspage-style webhooks and email, each once. What was delivered is remembered in --state FILE, or in Actions on the branch incidents-announce.",
  options: [
    AT_OPTION,
    [
      '--state FILE',
      'remember what was delivered in this file (default in Actions: announce-state.json on the branch incidents-announce, through GITHUB_TOKEN)',
    ],
    ['--dry-run', 'print what would be sent and remembered; send and remember nothing'],
    ROOT_OPTION,
    formatOption(['text', 'json', 'github']),
  ],
  example: 'incidents announce --state .announce-state.json --dry-run',
  exits:
    '0 everything due was delivered, 1 some delivery failed (what succeeded is remembered; the next run retries), 2 usage, config or record errors, or the state cannot be read',
};

/** What happened on one channel this run. */
interface ChannelResult {
  id: string;
  type: string;
  sent: string[];
  skipped: string[];
  failed: { key: string; reason: string; refused: boolean }[];
  givenUp: string[];
}

/** The first run of a channel sends events at most this old unless the config says (`announce.since`). */
const DEFAULT_SINCE = '1h';

/**
 * `incidents announce`: the status model at TIME (default now) → its public events → each
 * channel's undelivered ones, sent one by one and remembered after each (so a crash re-sends at
 * most one message). Channels are independent: one failing stops only itself, and its messages go
 * out on the next run.
 */
export async function announceCommand(args: string[], context: CommandContext): Promise<number> {
  const { values } = parseOptions('announce', args, {
    at: { type: 'string' },
    state: { type: 'string' },
    'dry-run': { type: 'boolean' },
    root: { type: 'string' },
    format: { type: 'string' },
  });
  const reporter = chooseReporter('announce', values.format);
  const root = findRoot('announce', context.cwd, values.root);
  const at = timestampOption('announce', 'at', values.at, new Date());
  const repository = await streamRepositoryWithConfig('announce', root, reporter, context);
  if (!repository) return EXIT.error;
  const { config } = repository;
  if (!config.announce) {
    context.stderr('incidents announce: the config has no announce section, so there is nowhere to announce to (docs/reference.md, announce).\n');
    return EXIT.clean;
  }
  const { records, findings } = await checkRepositoryRecords(config, repository.files);
  const all = sortFindings([...repository.files.findings, ...findings]);
  if (hasErrors(all)) {
    await reporter.write({ command: 'announce', findings: all }, context);
    context.stderr('Nothing is announced: the records above have errors (the page is not built from them either).\n');
    return EXIT.error;
  }
  if (!config.page?.url) {
    const message =
      'The config has no page.url: announcements link to the page, so they need the address it is published at, e.g. page: {name: Acme Status, url: "https://status.acme.example"}';
    await reporter.write(
      { command: 'announce', findings: [findingAt(repository.configSource, ['page', 'url'], 'announce/page-url', message, { at: 'key' })] },
      context,
    );
    return EXIT.error;
  }

  const now = toMillis(at);
  const model = buildStatusModel(records, now);
  const remind = config.announce.remind_before === undefined ? undefined : parseDuration(config.announce.remind_before) * 1000;
  const events = publicEvents(model, remind);
  const store = openStore(values.state === undefined ? undefined : resolve(context.cwd, values.state), Boolean(values['dry-run']), context);
  const state = store ? await store.load() : emptyState();
  const plans = planAnnouncements(config.announce.channels, events, state, now, parseDuration(config.announce.since ?? DEFAULT_SINCE) * 1000);

  if (values['dry-run']) {
    const results = plans.map((plan) => ({ ...resultOf(plan), sent: plan.send.map((event) => event.key), skipped: plan.skip.map((event) => event.key) }));
    const text = plans.map((plan) => describePlan(model, plan)).join('');
    await reporter.write(
      { command: 'announce', text, markdown: summaryOf(model.at, results, true), json: { document: toJson(model.at, results, true) } },
      context,
    );
    return EXIT.clean;
  }

  maskSecrets(config.announce.channels, context);
  const results: ChannelResult[] = [];
  try {
    for (const plan of plans) results.push(await runChannel(plan, model, state, store!, at, context));
  } catch (error) {
    if (!(error instanceof StateWriteError)) throw error;
    context.stderr(`incidents announce: ${error.message}. The run stops: the last message sent may be sent again by the next run.\n`);
    return EXIT.error;
  }
  await reporter.write(
    {
      command: 'announce',
      text: results.map(describeResult).join(''),
      markdown: summaryOf(model.at, results, false),
      json: { document: toJson(model.at, results, false) },
      outputs: {
        sent: String(results.reduce((sum, result) => sum + result.sent.length, 0)),
        failed: String(results.reduce((sum, result) => sum + result.failed.length, 0)),
      },
    },
    context,
  );
  return results.some((result) => result.failed.length > 0) ? EXIT.findings : EXIT.clean;
}

/** The store: the file --state names; in Actions, the state branch; for a dry run without either, none (nothing remembered). */
function openStore(path: string | undefined, dryRun: boolean, context: CommandContext): AnnounceStore | undefined {
  if (path !== undefined) return fileStore(path);
  const repository = readRepositoryTarget(context.env);
  if (repository.ok) return gitHubStore(createGitHub(repository.target, context.retryBaseMs), repository.target, context.env.GITHUB_SHA);
  if (dryRun) return undefined;
  throw new UsageError(
    `incidents announce: there is nowhere to remember what was delivered: pass --state FILE, or run it in GitHub Actions with GITHUB_REPOSITORY and GITHUB_TOKEN (${repository.reason})`,
  );
}

/**
 * One channel's run: the first run's old events remembered, then each due event sent and
 * remembered at once. A refusal is counted and the next event tried; a passing failure stops the
 * channel for this run (its messages keep their order and go out on the next).
 */
async function runChannel(
  plan: ChannelPlan,
  model: StatusModel,
  state: AnnounceState,
  store: AnnounceStore,
  at: string,
  context: CommandContext,
): Promise<ChannelResult> {
  const result = resultOf(plan);
  // A channel's first run is remembered at once, skipped events and all, so a run that fails on it is not a first run again.
  const first = !Object.hasOwn(state.channels, plan.channel.id);
  const remembered = channelState(state, plan.channel.id);
  for (const event of plan.skip) remembered.skipped[event.key] = at;
  if (first) await store.save(state);
  result.skipped = plan.skip.map((event) => event.key);
  if (plan.send.length === 0) return result;
  let channel;
  try {
    channel = openAnnounceChannel(plan.channel, { model, at, env: context.env, retryBaseMs: context.retryBaseMs ?? 1000 });
  } catch (error) {
    if (!(error instanceof DeliveryError)) throw error;
    context.stderr(`incidents announce: ${error.message}\n`);
    result.failed.push(...plan.send.map((event) => ({ key: event.key, reason: error.message, refused: false })));
    return result;
  }
  for (const event of plan.send) {
    try {
      await channel.deliver(event);
    } catch (error) {
      if (!(error instanceof DeliveryError)) throw error;
      result.failed.push({ key: event.key, reason: error.message, refused: error.refused });
      if (!error.refused) {
        context.stderr(
          `incidents announce: ${error.message} (${event.key}; ${plan.send.length - plan.send.indexOf(event)} message(s) wait for the next run)\n`,
        );
        break;
      }
      const runs = (remembered.refused[event.key]?.runs ?? 0) + 1;
      remembered.refused[event.key] = { runs, reason: error.message, last: at };
      await store.save(state);
      context.stderr(
        `incidents announce: ${error.message} (${event.key}; refused on ${runs} of ${MAX_REFUSALS} runs${runs >= MAX_REFUSALS ? ': given up, it is not sent again' : ''})\n`,
      );
      continue;
    }
    remembered.delivered[event.key] = at;
    delete remembered.refused[event.key];
    result.sent.push(event.key);
    await store.save(state);
  }
  return result;
}

function resultOf(plan: ChannelPlan): ChannelResult {
  return { id: plan.channel.id, type: plan.channel.type, sent: [], skipped: [], failed: [], givenUp: plan.givenUp };
}

/** In a workflow run, asks Actions to mask every secret the channels name, should any ever reach the log. */
function maskSecrets(channels: NonNullable<ChannelPlan['channel']>[], context: CommandContext): void {
  if (context.env.GITHUB_ACTIONS !== 'true') return;
  for (const channel of channels) {
    for (const name of [channel.url_env, channel.secret_env, channel.smtp_env]) {
      const value = name === undefined ? undefined : context.env[name];
      if (value) context.github?.mask?.(value);
    }
  }
}

/** A dry run's lines for one channel. */
function describePlan(model: StatusModel, plan: ChannelPlan): string {
  const lines = [
    `${plan.channel.id} (${plan.channel.type}): ${plan.send.length} to send${plan.skip.length > 0 ? `, ${plan.skip.length} older than since to remember unsent (first run)` : ''}`,
    ...plan.send.map((event: PublicEvent) => `  would send ${event.key}: ${wordingOf(model, event).headline}`),
    ...plan.givenUp.map((key) => `  given up (refused on ${MAX_REFUSALS} runs): ${key}`),
  ];
  return `${lines.join('\n')}\n`;
}

/** A run's lines for one channel. */
function describeResult(result: ChannelResult): string {
  const parts = [
    `${result.sent.length} sent`,
    result.skipped.length > 0 && `${result.skipped.length} older than since remembered unsent`,
    result.failed.length > 0 && `${result.failed.length} failed`,
    result.givenUp.length > 0 && `${result.givenUp.length} given up`,
  ].filter(Boolean);
  return `${result.id} (${result.type}): ${parts.join(', ')}\n${result.sent.map((key) => `  sent ${key}\n`).join('')}`;
}

/** The job summary of a run: a row per channel (ids and types are the config's plain names). */
function summaryOf(at: string, results: readonly ChannelResult[], dryRun: boolean): string {
  const rows = results.map(
    (result) => `| ${result.id} | ${result.type} | ${result.sent.length} | ${result.skipped.length} | ${result.failed.length} | ${result.givenUp.length} |`,
  );
  return [
    `### incidents announce at ${at}${dryRun ? ' (dry run)' : ''}`,
    '',
    `| channel | type | ${dryRun ? 'would send' : 'sent'} | older, remembered unsent | failed | given up |`,
    '| --- | --- | --- | --- | --- | --- |',
    ...rows,
  ].join('\n');
}

/** The JSON document of a run (docs/reference.md, announce). */
function toJson(at: string, results: readonly ChannelResult[], dryRun: boolean) {
  return {
    at,
    dry_run: dryRun,
    channels: results.map((result) => ({
      id: result.id,
      type: result.type,
      [dryRun ? 'would_send' : 'sent']: result.sent,
      skipped: result.skipped,
      failed: result.failed,
      given_up: result.givenUp,
    })),
  };
}
