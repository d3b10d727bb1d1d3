import type { GitHub } from '../github/api.js';
import type { RepositoryTarget } from '../github/event.js';
import type { Channel, Delivery, Due } from './channel.js';

/** Marks an incident's tracking issue, and each notice posted on it: the state of announcing lives on GitHub. */
const trackingMarker = (id: string) => `<!-- incidents-as-code:tracking ${id} -->`;
const noticeMarker = (key: string) => `<!-- incidents-as-code:notice ${key} -->`;

/** A tracking issue: its number and whether it is open. */
interface TrackingIssue {
  number: number;
  open: boolean;
}

/**
 * The channel that announces on GitHub: one tracking issue per incident, one comment per notice.
 * Reads the repository's tracking issues once, here (so a GitHub that cannot be reached fails
 * before anything is announced), then delivers incident by incident.
 */
export async function openGitHubIssueChannel(github: GitHub, target: RepositoryTarget): Promise<Channel> {
  const tracking = await readTrackingIssues(github, target);
  return { name: 'github-issue', deliver: (due) => announce(github, target, tracking, due) };
}

/** The tracking issues of a repository, by incident id: issues a bot opened with the tracking marker. */
async function readTrackingIssues(github: GitHub, target: RepositoryTarget): Promise<Map<string, TrackingIssue>> {
  const issues = await github.paginate(github.rest.issues.listForRepo, { owner: target.owner, repo: target.repo, state: 'all', per_page: 100 });
  const tracking = new Map<string, TrackingIssue>();
  for (const issue of issues) {
    const id = /<!-- incidents-as-code:tracking (\S+) -->/.exec(issue.body ?? '')?.[1];
    if (id && !issue.pull_request && issue.user?.type === 'Bot') tracking.set(id, { number: issue.number, open: issue.state === 'open' });
  }
  return tracking;
}

/**
 * Announces an incident's due notices on its tracking issue (opened on the first notice, reopened
 * if the incident reopened), each once: a notice whose marker a bot already posted is skipped. A
 * finished incident's open tracking issue is closed.
 */
async function announce(github: GitHub, target: RepositoryTarget, tracking: Map<string, TrackingIssue>, { incident, notices }: Due): Promise<Delivery> {
  const where = { owner: target.owner, repo: target.repo };
  const existing = tracking.get(incident.id);
  if (!incident.open) {
    if (!existing?.open) return { delivered: [], log: [] };
    await github.rest.issues.createComment({
      ...where,
      issue_number: existing.number,
      body: `${noticeMarker('finished')}\n${incident.id} is no longer open: closing this tracking issue.`,
    });
    await github.rest.issues.update({ ...where, issue_number: existing.number, state: 'closed' });
    tracking.set(incident.id, { ...existing, open: false });
    return { delivered: [], log: [`${incident.id}: closed tracking issue #${existing.number}`] };
  }
  if (notices.length === 0) return { delivered: [], log: [] };
  const log: string[] = [];
  const delivered: string[] = [];
  let issue = existing;
  if (!issue) {
    const { data } = await github.rest.issues.create({
      ...where,
      title: `${incident.id}: ${incident.title}`,
      body: `${trackingMarker(incident.id)}\nEscalations and SLA alerts for ${incident.id}, posted by the scheduled SLA check. The record is ${incident.path}.`,
    });
    issue = { number: data.number, open: true };
    tracking.set(incident.id, issue);
    log.push(`${incident.id}: opened tracking issue #${issue.number}`);
  } else if (!issue.open) {
    await github.rest.issues.update({ ...where, issue_number: issue.number, state: 'open' });
    issue = { ...issue, open: true };
    tracking.set(incident.id, issue);
    log.push(`${incident.id}: reopened tracking issue #${issue.number}`);
  }
  const comments = await github.paginate(github.rest.issues.listComments, { ...where, issue_number: issue.number, per_page: 100 });
  const posted = new Set(
    comments
      .filter((comment) => comment.user?.type === 'Bot')
      .flatMap((comment) => /<!-- incidents-as-code:notice (\S+) -->/.exec(comment.body ?? '')?.[1] ?? []),
  );
  for (const notice of notices.filter((candidate) => !posted.has(candidate.key))) {
    await github.rest.issues.createComment({
      ...where,
      issue_number: issue.number,
      body: `${noticeMarker(notice.key)}\n${[...notice.mention, notice.text].join(' ')}`,
    });
    delivered.push(notice.key);
    log.push(`${incident.id}: ${notice.text}`);
  }
  return { delivered, log };
}
