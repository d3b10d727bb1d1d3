import { createHmac } from 'node:crypto';
import type { PublicEvent } from '../../core/announce/events.js';
import { renderStatuspageWebhook } from '../../render/announce/statuspage-webhook.js';
import { secretOf, type ChannelOpener } from './announce-context.js';
import { postWithRetry } from './http-post.js';

/** The header that carries the body's signature: `sha256=` and the hex HMAC-SHA256 of the exact bytes sent. */
export const SIGNATURE_HEADER = 'X-Incidents-Signature';

/** The signature of a body with a secret, as the header carries it. */
export function signBody(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body, 'utf8').digest('hex')}`;
}

/**
 * A generic webhook: Statuspage's subscriber payloads POSTed to the URL in `url_env`, each signed
 * with the secret in `secret_env`, and an `X-Incidents-Event` header with the event's key (the same
 * on a re-sent message, so a receiver can drop a duplicate).
 */
export const openWebhookChannel: ChannelOpener = (channel, context) => {
  const url = secretOf(channel, 'url_env', context.env);
  const secret = secretOf(channel, 'secret_env', context.env);
  return {
    name: channel.id,
    async deliver(event: PublicEvent) {
      const body = JSON.stringify(renderStatuspageWebhook(context.model, event, context.at));
      await postWithRetry(channel.id, url, body, { [SIGNATURE_HEADER]: signBody(secret, body), 'X-Incidents-Event': event.key }, context);
      return { delivered: [event.key], log: [`${channel.id}: ${event.key}`] };
    },
  };
};
