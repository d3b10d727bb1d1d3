import nodemailer from 'nodemailer';
import type { PublicEvent } from '../../core/announce/events.js';
import { DeliveryError } from '../../core/errors.js';
import { renderAnnouncementEmail } from '../../render/announce/email.js';
import { secretOf, type ChannelOpener } from './announce-context.js';

/** Attempts per message within a run; waits of 1 and 4 units between them. */
const ATTEMPTS = 3;

/**
 * Email over SMTP (the URL in the variable `smtp_env` names, `smtp://` or `smtps://`, with its
 * credentials) from `from` to the `to` addresses: one message per event, text and HTML parts,
 * threaded per incident, with List-Id and a link to the page. An SMTP 5xx is a refusal; a 4xx, a
 * timeout or a lost connection is tried again.
 */
export const openEmailChannel: ChannelOpener = (channel, context) => {
  const url = secretOf(channel, 'smtp_env', context.env);
  let transport: ReturnType<typeof nodemailer.createTransport>;
  try {
    // SMTP servers may hold their greeting back on purpose (smtp-server waits 100 ms for early talkers; some wait seconds): never under 5 s.
    const timeout = Math.max(20 * context.retryBaseMs, 5000);
    transport = nodemailer.createTransport({ url, connectionTimeout: timeout, greetingTimeout: timeout, socketTimeout: timeout });
  } catch {
    throw new DeliveryError(`${channel.id}: the SMTP URL in ${channel.smtp_env} is not a URL nodemailer can use (expected smtp:// or smtps://)`, false);
  }
  return {
    name: channel.id,
    async deliver(event: PublicEvent) {
      const email = renderAnnouncementEmail(context.model, event);
      const message = {
        from: channel.from,
        to: channel.to,
        subject: email.subject,
        text: email.text,
        html: email.html,
        messageId: email.messageId,
        ...(email.inReplyTo ? { inReplyTo: email.inReplyTo, references: email.references } : {}),
        list: { id: { url: email.list.id, comment: email.list.name } },
        headers: { 'X-Incidents-Event': event.key, 'Auto-Submitted': 'auto-generated' },
      };
      let last = '';
      for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
        try {
          await transport.sendMail(message);
          return { delivered: [event.key], log: [`${channel.id}: ${event.key}`] };
        } catch (error) {
          const code = smtpCode(error);
          last = describeSmtpError(error, url);
          // Authentication refused: the channel's credentials, not the message, are at fault.
          if (code === 530 || code === 535)
            throw new DeliveryError(`${channel.id}: the SMTP server refused the login (${last}): check the SMTP URL secret; the next run tries again`, false);
          if (code !== undefined && code >= 500) throw new DeliveryError(`${channel.id}: the SMTP server refused the message (${last})`, true);
        }
        if (attempt < ATTEMPTS) await new Promise((resolve) => setTimeout(resolve, attempt * attempt * context.retryBaseMs));
      }
      throw new DeliveryError(`${channel.id}: not delivered after ${ATTEMPTS} attempts (${last}); the next run tries again`, false);
    },
  };
};

/** The SMTP reply code of a nodemailer error, when the server answered. */
function smtpCode(error: unknown): number | undefined {
  const code = typeof error === 'object' && error !== null && 'responseCode' in error ? Number(error.responseCode) : NaN;
  return Number.isFinite(code) ? code : undefined;
}

/** An SMTP failure in a few words: the server's reply, or the connection's error; the URL and its credentials blanked out. */
function describeSmtpError(error: unknown, url: string): string {
  const response = typeof error === 'object' && error !== null && 'response' in error ? String(error.response) : '';
  const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
  const message = error instanceof Error ? error.message : '';
  let text = response || [code, message].filter(Boolean).join(': ') || 'the connection failed';
  for (const secret of secretsOf(url)) text = text.split(secret).join('***');
  return text.replace(/[^\x20-\x7e]+/g, ' ').slice(0, 200);
}

/** The parts of an SMTP URL that must never be printed: the URL itself, its user and password (as written and decoded). */
function secretsOf(url: string): string[] {
  const parts = [url];
  try {
    const parsed = new URL(url);
    for (const part of [parsed.username, parsed.password]) if (part) parts.push(part, decodeURIComponent(part));
  } catch {
    // Not a URL: only the whole value is known.
  }
  return parts.filter((part) => part.length >= 3);
}
