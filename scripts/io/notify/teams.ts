import type { PublicEvent } from '../../core/announce/events.js';
import { renderTeamsMessage } from '../../render/announce/teams.js';
import { secretOf, type ChannelOpener } from './announce-context.js';
import { postWithRetry } from './http-post.js';

/** A Microsoft Teams workflow webhook (its URL in the variable `url_env` names): one Adaptive Card per event. */
export const openTeamsChannel: ChannelOpener = (channel, context) => {
  const url = secretOf(channel, 'url_env', context.env);
  return {
    name: channel.id,
    async deliver(event: PublicEvent) {
      await postWithRetry(channel.id, url, JSON.stringify(renderTeamsMessage(context.model, event)), {}, context);
      return { delivered: [event.key], log: [`${channel.id}: ${event.key}`] };
    },
  };
};
