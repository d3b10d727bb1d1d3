import type { PublicEvent } from '../../core/announce/events.js';
import { slug, type StatusModel } from '../../core/status/status-model.js';
import { html } from '../html.js';
import { renderMarkdown } from '../markdown.js';
import { wordingOf } from './wording.js';

/** An announcement email: its subject, text and HTML parts, and the headers that thread it and name the list. */
export interface AnnouncementEmail {
  subject: string;
  text: string;
  html: string;
  messageId: string;
  /** The thread's first message (the incident's own id) for every later message of the incident. */
  inReplyTo?: string;
  references?: string;
  /** RFC 2919's List-Id: the list's id (`page-id.host`) and its name (the page's). */
  list: { id: string; name: string };
  /** The page of the incident, also as List-Archive-like link in the body. */
  link: string;
}

/**
 * The email for an event. Every message about one incident is in one thread: the thread's root is
 * `<INC-…@host>` (the new incident's message has it as its Message-ID; every later one names it in
 * In-Reply-To and References). Message-IDs come from the event's key, so a message re-sent after
 * a crash has the same id and mail clients show it once. The HTML part is the page's sanitized
 * Markdown; the text part its plain text.
 */
export function renderAnnouncementEmail(model: Pick<StatusModel, 'page'>, event: PublicEvent): AnnouncementEmail {
  const words = wordingOf(model, event);
  const host = hostOf(model.page.url);
  const root = `<${event.incident.id}@${host}>`;
  const isRoot = event.type === 'incident_created' || event.type === 'maintenance_scheduled';
  const messageId = isRoot ? root : `<${event.key.replace(/[^A-Za-z0-9.-]+/g, '.')}@${host}>`;
  const facts = words.facts.map(([name, value]) => `${name}: ${value}`).join('\n');
  const text = `${words.headline}\n\n${facts}\n${words.text ? `\n${words.text}\n` : ''}\n${words.link}\n\n-- \n${model.page.name}: ${model.page.url}\n`;
  const body = html`<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>${words.headline}</title></head>
<body>
<h1>${words.headline}</h1>
<table>${words.facts.map(([name, value]) => html`<tr><th align="left">${name}</th><td>${value}</td></tr>`)}</table>
${words.markdown ? renderMarkdown(words.markdown) : ''}
<p><a href="${words.link}">See it on ${model.page.name}</a></p>
</body></html>
`;
  return {
    subject: `[${model.page.name}] ${words.headline}`,
    text,
    html: body.value,
    messageId,
    ...(isRoot ? {} : { inReplyTo: root, references: root }),
    list: { id: `${slug(model.page.name)}.${host}`, name: model.page.name.replace(/[<>"\r\n]/g, '') },
    link: words.link,
  };
}

/** The host of the page's URL, for Message-IDs and List-Id; `status.invalid` when there is none. */
function hostOf(url: string): string {
  try {
    return new URL(url).hostname || 'status.invalid';
  } catch {
    return 'status.invalid';
  }
}
