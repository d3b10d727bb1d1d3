import { LEVELS } from '../records/types.js';
import { isObject, JsonReader, describe } from './json-checks.js';
import type { IssueReport, Parsed } from './payload.js';

/** The label the "Report an incident" form puts on its issues (core/init/issue-form.ts). */
export const REPORT_LABEL = 'incident-report';

/** The form's title prefix, taken off the incident's title. */
const TITLE_PREFIX = /^\s*\[incident\]\s*/i;

/** What GitHub writes in an issue form's section left empty. */
const NO_RESPONSE = '_No response_';

/**
 * Reads a GitHub `issues` event (opened) for an issue made with the "Report an incident" form: the
 * issue's number, address, title, author and time, and the form's sections as GitHub writes them
 * into the body (`### Service`, `### Impact`, `### Urgency`, `### What is happening`). An issue
 * without the form's label is not a report. Nothing of it is taken as code, a path or markup.
 */
export function parseIssueEvent(event: unknown): Parsed<IssueReport> {
  const read = new JsonReader();
  if (!isObject(event) || !isObject(event.issue))
    return { ok: false, problems: [`the issues event: expected an object with an issue, found ${describe(event)}`] };
  const issue = event.issue;
  if (event.action !== 'opened') read.problem('action', `found ${describe(event.action)}, expected "opened": a report becomes an incident when it is opened`);
  const labels = Array.isArray(issue.labels) ? issue.labels.map((label) => (isObject(label) ? label.name : label)) : [];
  if (!labels.includes(REPORT_LABEL))
    read.problem('issue.labels', `the issue has no "${REPORT_LABEL}" label: it was not made with the "Report an incident" form`);
  const number = read.count(issue.number, 'issue.number');
  const url = read.string(issue.html_url, 'issue.html_url', { max: 2_000 });
  const title = read.string(issue.title, 'issue.title', { max: 1_000 });
  const author = read.string(isObject(issue.user) ? issue.user.login : undefined, 'issue.user.login', { max: 100 });
  const openedAt = read.timestamp(issue.created_at, 'issue.created_at');
  const body = read.string(issue.body, 'issue.body', { max: 65_536 }) ?? '';
  const sections = formSections(body);
  const section = (name: string) => {
    const value = sections.get(name.toLowerCase());
    if (value === undefined || value === '' || value === NO_RESPONSE) read.problem(`issue.body`, `the form's "${name}" section is missing or empty`);
    return value ?? '';
  };
  const service = section('Service');
  const impact = read.oneOf(section('Impact'), 'issue.body: Impact', LEVELS);
  const urgency = read.oneOf(section('Urgency'), 'issue.body: Urgency', LEVELS);
  const text = section('What is happening');
  if (author !== undefined && !/^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/.test(author))
    read.problem('issue.user.login', `found ${describe(author)}, expected a GitHub login`);
  if (read.problems.length > 0 || !url || !title || !author || !openedAt || !impact || !urgency) return { ok: false, problems: read.problems };
  return {
    ok: true,
    value: { source: 'issue', number, url, title: title.replace(TITLE_PREFIX, ''), author, openedAt, service, impact, urgency, text },
  };
}

/** The sections of an issue form's body: each `### Label` heading and the text under it, trimmed. */
export function formSections(body: string): Map<string, string> {
  const sections = new Map<string, string>();
  let current: string | undefined;
  let lines: string[] = [];
  const flush = () => {
    if (current !== undefined && !sections.has(current)) sections.set(current, lines.join('\n').trim());
  };
  for (const line of body.split(/\r\n|\r|\n/)) {
    const heading = /^###\s+(.+?)\s*$/.exec(line);
    if (heading) {
      flush();
      current = heading[1]!.toLowerCase();
      lines = [];
    } else lines.push(line);
  }
  flush();
  return sections;
}
