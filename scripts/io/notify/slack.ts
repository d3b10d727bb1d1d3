import type { PublicEvent } from '../../core/announce/events.js';
import { renderSlackMessage } from '../../render/announce/slack.js';
import { secretOf, type ChannelOpener } from './announce-context.js';
import { postWithRetry } from './http-post.js';

/** A Slack incoming webhook (its URL in the variable `url_env` names): one Block Kit message per event. */
export const openSlackChannel: ChannelOpener = (channel, context) => {
  const url = secretOf(channel, 'url_env', context.env);
  return {
    name: channel.id,
    async deliver(event: PublicEvent) {
      await postWithRetry(channel.id, url, JSON.stringify(renderSlackMessage(context.model, event)), {}, context);
      return { delivered: [event.key], log: [`${channel.id}: ${event.key}`] };
    },
  };
};
