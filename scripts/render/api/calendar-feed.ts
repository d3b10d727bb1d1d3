import type { PublicIncident, StatusModel } from '../../core/status/status-model.js';
import { toMillis } from '../../core/time/timestamps.js';
import { affectedServices } from '../site/incident-parts.js';
import { STATUS_LABEL } from '../labels.js';
import { renderMarkdownText } from '../markdown.js';

/**
 * `maintenance.ics`: the public maintenance windows as an iCalendar feed (RFC 5545) that calendar
 * apps subscribe to. Each window keeps its UID, and its SEQUENCE grows with its updates, so a
 * moved window moves in people's calendars. The feed holds every window there ever was, so it is
 * given in parts, one per window, to be written as they come rather than held whole.
 */
export function* renderMaintenanceCalendar(model: StatusModel): Generator<string> {
  const host = new URL(model.page.url).host;
  yield contentLines([
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    `PRODID:-//incidents-as-code//${escapeText(model.page.name)}//EN`,
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(`${model.page.name}: maintenance`)}`,
  ]);
  for (const maintenance of model.maintenances) if (hasWindow(maintenance)) yield contentLines(event(model, maintenance, host));
  yield contentLines(['END:VCALENDAR']);
}

/** Content lines as the feed writes them: each folded, and ended by CRLF. */
function contentLines(lines: readonly string[]): string {
  return lines.map((line) => `${fold(line)}\r\n`).join('');
}

function hasWindow(maintenance: PublicIncident): maintenance is PublicIncident & { scheduledFor: string; scheduledUntil: string } {
  return maintenance.scheduledFor !== undefined && maintenance.scheduledUntil !== undefined;
}

function event(model: StatusModel, maintenance: PublicIncident & { scheduledFor: string; scheduledUntil: string }, host: string): string[] {
  const latest = maintenance.updates.at(-1);
  const description = [`${STATUS_LABEL[maintenance.status]}. Affected: ${affectedServices(maintenance)}.`, latest ? renderMarkdownText(latest.message) : '']
    .filter(Boolean)
    .join('\n\n');
  return [
    'BEGIN:VEVENT',
    `UID:${maintenance.id}@${host}`,
    `DTSTAMP:${basicUtc(maintenance.updatedAt)}`,
    `DTSTART:${basicUtc(maintenance.scheduledFor)}`,
    `DTEND:${basicUtc(maintenance.scheduledUntil)}`,
    `SEQUENCE:${Math.max(0, maintenance.updates.length - 1)}`,
    `SUMMARY:${escapeText(maintenance.title)}`,
    `DESCRIPTION:${escapeText(description)}`,
    `URL:${model.page.url}/incidents/${maintenance.id}.html`,
    'STATUS:CONFIRMED',
    'TRANSP:OPAQUE',
    'END:VEVENT',
  ];
}

/** `20261205T060000Z`. */
function basicUtc(timestamp: string): string {
  return new Date(toMillis(timestamp))
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

/** RFC 5545 TEXT: backslash, semicolon, comma and line breaks escaped. */
function escapeText(text: string): string {
  return text
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r?\n|\r/g, '\\n');
}

/** Folds a content line at 75 octets, never inside a UTF-8 character (RFC 5545, 3.1). */
export function fold(line: string): string {
  if (Buffer.byteLength(line) <= 75) return line;
  const parts: string[] = [];
  let [start, octets] = [0, 0];
  for (let index = 0; index < line.length;) {
    // A character's UTF-8 octets; a lone surrogate is written as U+FFFD, three.
    const point = line.codePointAt(index)!;
    const size = point < 0x80 ? 1 : point < 0x800 ? 2 : point < 0x10000 ? 3 : 4;
    if (octets + size > (parts.length === 0 ? 75 : 74)) {
      parts.push(line.slice(start, index));
      [start, octets] = [index, 0];
    }
    octets += size;
    index += point > 0xffff ? 2 : 1;
  }
  parts.push(line.slice(start));
  return parts.join('\r\n ');
}
