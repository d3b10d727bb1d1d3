import type { PublicEvent } from '../../core/announce/events.js';
import type { StatusModel } from '../../core/status/status-model.js';
import { truncate, wordingOf } from './wording.js';

/**
 * Block Kit's limits that a message here could reach (Slack's reference): a header's text 150
 * characters, a section's text 3000, a section's fields 10 of 2000 each, 50 blocks, and the
 * notification text kept well under its 40,000.
 */
export const SLACK_LIMITS = { header: 150, section: 3000, field: 2000, fields: 10, blocks: 50, text: 4000 } as const;

/**
 * Text for Slack's mrkdwn, where record text can do no more than read: `&`, `<` and `>` escaped (so
 * `<!channel>`, `<!here>`, `<@U123>` and `<https://x|links>` written in a record are shown, not
 * acted on), and `@channel`, `@here`, `@everyone` broken with a zero-width space so no client or
 * setting turns them into mentions.
 */
export function escapeSlack(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/(?<![\w.+-])@(channel|here|everyone)\b/gi, '@\u200b$1');
}

/** An incoming webhook's Block Kit message for an event: a header, the facts, the message, a link to the page. */
export function renderSlackMessage(model: Pick<StatusModel, 'page'>, event: PublicEvent): object {
  const words = wordingOf(model, event);
  const blocks: object[] = [
    { type: 'header', text: { type: 'plain_text', text: truncate(escapeSlack(words.headline), SLACK_LIMITS.header), emoji: false } },
    {
      type: 'section',
      fields: words.facts
        .slice(0, SLACK_LIMITS.fields)
        .map(([name, value]) => ({ type: 'mrkdwn', text: truncate(`*${escapeSlack(name)}*\n${escapeSlack(value)}`, SLACK_LIMITS.field) })),
    },
  ];
  if (words.text) blocks.push({ type: 'section', text: { type: 'mrkdwn', text: truncate(escapeSlack(words.text), SLACK_LIMITS.section) } });
  blocks.push({
    type: 'context',
    elements: [{ type: 'mrkdwn', text: truncate(`<${words.link}|${escapeSlack(`${model.page.name}: ${event.incident.id}`)}>`, SLACK_LIMITS.section) }],
  });
  return {
    text: truncate(escapeSlack(`${words.headline}${words.text ? `: ${words.text}` : ''}`), SLACK_LIMITS.text),
    blocks,
    unfurl_links: false,
    unfurl_media: false,
  };
}
