import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** One request a receiver took. */
export interface Received {
  headers: Record<string, string | string[] | undefined>;
  body: string;
  json: unknown;
}

/**
 * A webhook receiver on 127.0.0.1 (Slack, Teams or a Statuspage-style consumer): it keeps what it
 * accepted, answers `fail` (a status) while set, and checks each body with `check`, listing what is
 * wrong in `problems` (tests assert it stays empty).
 */
export class HttpReceiver {
  readonly accepted: Received[] = [];
  readonly problems: string[] = [];
  /** Requests answered with a failure. */
  attempts = 0;
  /** While set, every request is answered with this status (and Retry-After: 0 on a 429). */
  fail: number | undefined;
  /** How many requests `fail` applies to (default every one while it is set). */
  failCount = Infinity;
  private server!: Server;

  private constructor(private readonly check: (received: Received) => string[]) {}

  static async start(check: (received: Received) => string[]): Promise<HttpReceiver> {
    const receiver = new HttpReceiver(check);
    receiver.server = createServer(async (request, response) => {
      let body = '';
      for await (const chunk of request) body += chunk;
      if (receiver.fail !== undefined && receiver.failCount > 0) {
        receiver.failCount--;
        receiver.attempts++;
        response.writeHead(receiver.fail, receiver.fail === 429 ? { 'retry-after': '0' } : {});
        response.end('no');
        return;
      }
      let json: unknown;
      try {
        json = JSON.parse(body);
      } catch {
        receiver.problems.push(`not JSON: ${body.slice(0, 80)}`);
      }
      const received = { headers: request.headers, body, json };
      receiver.problems.push(...receiver.check(received));
      receiver.accepted.push(received);
      response.writeHead(200, { 'content-type': 'text/plain' });
      response.end('ok');
    });
    await new Promise<void>((resolve) => receiver.server.listen(0, '127.0.0.1', resolve));
    return receiver;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hook`;
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const chars = (text: unknown) => (typeof text === 'string' ? [...text].length : -1);

/** Slack's Block Kit limits and shapes for an incoming webhook message (api.slack.com reference: blocks). */
export function checkSlack({ json }: Received): string[] {
  const problems: string[] = [];
  if (!isObject(json) || typeof json.text !== 'string' || json.text === '') return ['a Slack message needs a text fallback'];
  const blocks = json.blocks;
  if (!Array.isArray(blocks) || blocks.length === 0 || blocks.length > 50)
    return [`a Slack message has 1 to 50 blocks, not ${Array.isArray(blocks) ? blocks.length : 'none'}`];
  for (const block of blocks as Json[]) {
    if (block.type === 'header') {
      const text = block.text as Json;
      if (text?.type !== 'plain_text' || chars(text.text) < 1 || chars(text.text) > 150) problems.push('a header is plain_text of 1 to 150 characters');
    } else if (block.type === 'section') {
      const text = block.text as Json | undefined;
      const fields = block.fields as Json[] | undefined;
      if (!text && !fields) problems.push('a section needs text or fields');
      if (text && (chars(text.text) < 1 || chars(text.text) > 3000)) problems.push('a section text is 1 to 3000 characters');
      if (fields && (fields.length > 10 || fields.some((field) => chars(field.text) < 1 || chars(field.text) > 2000)))
        problems.push('a section has at most 10 fields of at most 2000 characters');
    } else if (block.type === 'context') {
      const elements = block.elements as Json[];
      if (!Array.isArray(elements) || elements.length < 1 || elements.length > 10) problems.push('a context has 1 to 10 elements');
    } else problems.push(`unexpected block type ${String(block.type)}`);
  }
  return problems;
}

/** A Teams workflow webhook's message: one Adaptive Card attachment that states its schema version. */
export function checkTeams({ json }: Received): string[] {
  if (!isObject(json) || json.type !== 'message' || !Array.isArray(json.attachments) || json.attachments.length !== 1)
    return ['a Teams message has one attachment'];
  const attachment = json.attachments[0] as Json;
  const card = attachment.content as Json;
  const problems: string[] = [];
  if (attachment.contentType !== 'application/vnd.microsoft.card.adaptive') problems.push('the attachment is an Adaptive Card');
  if (!isObject(card) || card.type !== 'AdaptiveCard' || card.version !== '1.4' || card.$schema !== 'http://adaptivecards.io/schemas/adaptive-card.json')
    problems.push('the card states type AdaptiveCard, version 1.4 and the schema');
  if (!Array.isArray(card?.body) || (card.body as Json[]).some((element) => !['TextBlock', 'FactSet'].includes(String(element.type))))
    problems.push('the body is TextBlocks and a FactSet');
  return problems;
}

/** Statuspage's subscriber webhook payloads, and the body's HMAC-SHA256 signature with `secret`. */
export function checkStatuspageWebhook(secret: string): (received: Received) => string[] {
  return ({ json, headers, body }) => {
    const problems: string[] = [];
    const expected = Buffer.from(`sha256=${createHmac('sha256', secret).update(body).digest('hex')}`);
    const given = Buffer.from(String(headers['x-incidents-signature'] ?? ''));
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) problems.push('the signature does not verify');
    if (!isObject(json)) return ['not an object'];
    const meta = json.meta as Json;
    const page = json.page as Json;
    if (!isObject(meta) || typeof meta.unsubscribe !== 'string' || typeof meta.documentation !== 'string' || typeof meta.generated_at !== 'string')
      problems.push('meta has unsubscribe, documentation, generated_at');
    if (!isObject(page) || typeof page.id !== 'string' || typeof page.status_indicator !== 'string' || typeof page.status_description !== 'string')
      problems.push('page has id, status_indicator, status_description');
    if (isObject(json.incident)) {
      const incident = json.incident;
      for (const key of ['id', 'name', 'status', 'impact', 'created_at', 'updated_at', 'shortlink', 'incident_updates'])
        if (!(key in incident)) problems.push(`incident.${key} is missing`);
      const updates = incident.incident_updates as Json[];
      const times = updates.map((update) => Date.parse(String(update.created_at)));
      if (times.some((time, index) => index > 0 && time > times[index - 1]!)) problems.push('incident_updates are newest first');
      for (const update of updates)
        for (const key of ['id', 'incident_id', 'status', 'body', 'created_at', 'display_at'])
          if (!(key in update)) problems.push(`incident_updates[].${key} is missing`);
    } else if (isObject(json.component_update) && isObject(json.component)) {
      for (const key of ['id', 'component_id', 'old_status', 'new_status', 'created_at'])
        if (!(key in json.component_update)) problems.push(`component_update.${key} is missing`);
      for (const key of ['id', 'name', 'status']) if (!(key in json.component)) problems.push(`component.${key} is missing`);
      if (json.component.status !== json.component_update.new_status) problems.push('the component has its new status');
    } else problems.push('neither {incident} nor {component_update, component}');
    return problems;
  };
}

/** An SMTP server on 127.0.0.1 (smtp-server) that keeps each message, parsed, with its raw MIME; `fail` answers DATA with that SMTP code. */
export class SmtpReceiver {
  readonly messages: { raw: string; to: string[] }[] = [];
  fail: number | undefined;
  attempts = 0;
  private server!: SMTPServer;

  static async start(): Promise<SmtpReceiver> {
    const receiver = new SmtpReceiver();
    receiver.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      disableReverseLookup: true,
      logger: false,
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          if (receiver.fail !== undefined) {
            receiver.attempts++;
            const error = Object.assign(new Error(receiver.fail >= 500 ? 'Mailbox unavailable' : 'Try again later'), { responseCode: receiver.fail });
            return callback(error);
          }
          const raw = Buffer.concat(chunks).toString('utf8');
          receiver.messages.push({ raw, to: session.envelope.rcptTo.map((rcpt) => rcpt.address) });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => receiver.server.listen(0, '127.0.0.1', resolve));
    return receiver;
  }

  /** The messages as mailparser reads their MIME. */
  parsed(): Promise<ParsedMail[]> {
    return Promise.all(this.messages.map((message) => simpleParser(message.raw)));
  }

  get url(): string {
    return `smtp://127.0.0.1:${(this.server.server.address() as AddressInfo).port}`;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
