import type { Config, Incident } from '../records/types.js';

/** One review of a pull request, as the GitHub API lists them (oldest first). */
export interface Review {
  login: string;
  /** APPROVED, CHANGES_REQUESTED, COMMENTED, DISMISSED or PENDING. */
  state: string;
  /** The commit the review was given on; null when GitHub no longer has it. */
  commitId: string | null;
}

/** What the gate knows of a pull request's reviews: everything it needs, or why it cannot know. */
export type ReviewEvidence = { known: true; author: string; headSha: string; reviews: readonly Review[] } | { known: false; reason: string };

/** The result of looking for an approval: who gave it, or a message saying what was expected and found. */
export type ApprovalResult = { ok: true; by: string } | { ok: false; message: string };

/** Reviews that decide: a later CHANGES_REQUESTED or DISMISSED cancels an approval; COMMENTED changes nothing. */
const DECIDING_STATES = new Set(['APPROVED', 'CHANGES_REQUESTED', 'DISMISSED']);

/** The approvers of an incident: the config's default list and the list of every service it affects. */
export function approversFor(config: Config, incident: Incident): string[] {
  return approversForServices(
    config,
    incident.services.map((service) => service.id),
  );
}

/** The approvers of a record about these services (a problem's): the config's default list and each service's list. */
export function approversForServices(config: Config, services: readonly string[]): string[] {
  const byService = config.approvers?.services ?? {};
  // A service id is text from the config (`constructor` is one): only the map's own keys count.
  const lists = [config.approvers?.default ?? [], ...services.map((id) => (Object.hasOwn(byService, id) ? byService[id]! : []))];
  return [...new Set(lists.flat())];
}

/**
 * Whether one of the approvers (config handles, `@login`) approved: their latest deciding review is
 * APPROVED, on the head commit, and they are not the pull request's author. Logins compare
 * case-insensitively, as GitHub's do. Team handles (`@org/team`) cannot be resolved with a
 * workflow token, so they never approve.
 * @param what what needs the approval, as the message starts: "Entering resolved", "Marking it a drill"
 */
export function findApproval(approvers: readonly string[], evidence: ReviewEvidence, what: string): ApprovalResult {
  const people = approvers.filter((handle) => !handle.includes('/'));
  const wanted = people.length > 0 ? `one of ${people.join(', ')}` : 'an approver, but the config lists none (team handles cannot be checked: list people)';
  const expected = `${what} needs an approving review from ${wanted}, on the pull request's head commit, by someone other than its author`;
  if (!evidence.known) return { ok: false, message: `${expected}; ${evidence.reason}` };

  const isApprover = new Set(people.map((handle) => handle.slice(1).toLowerCase()));
  const author = evidence.author.toLowerCase();
  const notes: string[] = [];
  for (const [login, review] of latestDecidingReviews(evidence.reviews)) {
    const short = (review.commitId ?? 'an unknown commit').slice(0, 7);
    if (review.state !== 'APPROVED') notes.push(`@${login}'s latest review is ${review.state.toLowerCase().replace('_', ' ')}`);
    else if (login === author) notes.push(`@${login} approved, but is the author`);
    else if (!isApprover.has(login)) notes.push(`@${login} approved, but is not an approver`);
    else if (review.commitId !== evidence.headSha) notes.push(`@${login} approved an older commit (${short}), not the head ${evidence.headSha.slice(0, 7)}`);
    else return { ok: true, by: `@${login}` };
  }
  return { ok: false, message: `${expected}; ${notes.length > 0 ? notes.join('; ') : 'no one has approved yet'}` };
}

/** Each reviewer's latest deciding review, by lower-case login, in the order reviewers first appeared. */
function latestDecidingReviews(reviews: readonly Review[]): Map<string, Review> {
  const latest = new Map<string, Review>();
  for (const review of reviews) {
    if (DECIDING_STATES.has(review.state)) latest.set(review.login.toLowerCase(), review);
  }
  return latest;
}

/** Reviews count only for the commit this run checked: if the pull request moved on, a newer run decides. */
export function reviewsOnHead(evidence: ReviewEvidence, head: string): ReviewEvidence {
  if (!evidence.known || evidence.headSha === head) return evidence;
  return {
    known: false,
    reason: `the pull request's head is now ${evidence.headSha.slice(0, 7)}, but this run checked ${head.slice(0, 7)}: the run for the newer commit decides`,
  };
}
