import type { PublicEvent } from '../../core/announce/events.js';
import type { StatusModel } from '../../core/status/status-model.js';
import { wordingOf } from './wording.js';

/**
 * The Adaptive Card schema version the cards declare: 1.4, which Teams renders in every client
 * (Teams supports up to 1.5 on desktop and web; 1.4 everywhere, phones included).
 */
export const ADAPTIVE_CARD_VERSION = '1.4';

/**
 * Text for an Adaptive Card's TextBlock, which renders a small subset of Markdown and no HTML: a
 * Markdown link (`[text](url)`) written in a record is broken with a zero-width space, so record
 * text links nowhere the page does not. A mention needs an `msteams.entities` entry, which these
 * cards never carry, so `<at>…</at>` in a record is only text.
 */
export function escapeCardText(text: string): string {
  return text.replace(/\]\(/g, ']\u200b(');
}

/**
 * A Teams workflow webhook's message for an event: one Adaptive Card (a message with one
 * attachment of type application/vnd.microsoft.card.adaptive) with the headline, the facts, the
 * message and a button to the page.
 */
export function renderTeamsMessage(model: Pick<StatusModel, 'page'>, event: PublicEvent): object {
  const words = wordingOf(model, event);
  const body: object[] = [
    { type: 'TextBlock', text: escapeCardText(words.headline), weight: 'Bolder', size: 'Medium', wrap: true },
    { type: 'FactSet', facts: words.facts.map(([title, value]) => ({ title: escapeCardText(title), value: escapeCardText(value) })) },
  ];
  if (words.text) body.push({ type: 'TextBlock', text: escapeCardText(words.text), wrap: true });
  return {
    type: 'message',
    attachments: [
      {
        contentType: 'application/vnd.microsoft.card.adaptive',
        contentUrl: null,
        content: {
          $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
          type: 'AdaptiveCard',
          version: ADAPTIVE_CARD_VERSION,
          body,
          actions: [{ type: 'Action.OpenUrl', title: `View on ${model.page.name}`, url: words.link }],
        },
      },
    ],
  };
}
