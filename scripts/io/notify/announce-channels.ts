import type { PublicEvent } from '../../core/announce/events.js';
import type { AnnounceChannel } from '../../core/records/schema-types.js';
import type { Channel } from './channel.js';
import type { ChannelContext, ChannelOpener } from './announce-context.js';
import { openEmailChannel } from './email.js';
import { openSlackChannel } from './slack.js';
import { openTeamsChannel } from './teams.js';
import { openWebhookChannel } from './webhook.js';

/** The channel types (the config's `type`), one file each. */
export const CHANNEL_TYPES: Readonly<Record<AnnounceChannel['type'], ChannelOpener>> = {
  slack: openSlackChannel,
  teams: openTeamsChannel,
  webhook: openWebhookChannel,
  email: openEmailChannel,
};

/** Opens a configured channel. */
export function openAnnounceChannel(channel: AnnounceChannel, context: ChannelContext): Channel<PublicEvent> {
  return CHANNEL_TYPES[channel.type](channel, context);
}
