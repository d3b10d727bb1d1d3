import type { PublicEvent } from '../../core/announce/events.js';
import { DeliveryError } from '../../core/errors.js';
import type { AnnounceChannel } from '../../core/records/schema-types.js';
import type { StatusModel } from '../../core/status/status-model.js';
import type { Channel } from './channel.js';

/** What a channel needs besides its config: the model the payloads are made from, its secrets, the run's time and backoff. */
export interface ChannelContext {
  model: StatusModel;
  /** The run's time, ISO 8601. */
  at: string;
  env: Readonly<Record<string, string | undefined>>;
  retryBaseMs: number;
}

/** Opens a channel of one type from its config; throws a DeliveryError when a secret it names is not set. */
export type ChannelOpener = (channel: AnnounceChannel, context: ChannelContext) => Channel<PublicEvent>;

/**
 * The value of the environment variable a channel's config names, or a DeliveryError saying
 * which is missing (never its value). Passing: once the secret is set, the next run delivers.
 */
export function secretOf(channel: AnnounceChannel, field: 'url_env' | 'secret_env' | 'smtp_env', env: ChannelContext['env']): string {
  const name = channel[field];
  const value = name === undefined ? undefined : env[name];
  if (!name || !value)
    throw new DeliveryError(
      `${channel.id}: the environment variable ${name ?? `(${field})`} is not set: add it as a repository secret and pass it to the announce step in env:`,
      false,
    );
  return value;
}
