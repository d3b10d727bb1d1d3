import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import Bottleneck from 'bottleneck';
import { Octokit } from '@octokit/rest';
import type { ReviewEvidence } from '../../core/gate/approvals.js';
import type { PullRequestTarget } from './event.js';

const GitHub = Octokit.plugin(retry, throttling);
/** An Octokit with the retry and throttling plugins. */
export type GitHub = InstanceType<typeof GitHub>;

/** Retries after a secondary rate limit or a rate limit, before giving up. */
const RATE_LIMIT_RETRIES = 2;

/**
 * An Octokit for the repository's API that retries transient faults with backoff: 5xx and
 * network errors (three times, waiting 1, 4 and 9 × retryBaseMs) and rate limits (as GitHub's
 * retry-after says). Writes are paced as GitHub asks: one write per retryBaseMs, and content that
 * notifies people (comments, issues) one per 3 × retryBaseMs. A request that takes longer than
 * 20 × retryBaseMs is cut off and counts as a network error.
 * @param retryBaseMs the unit of backoff and pacing (1 s); tests shorten it
 */
export function createGitHub(target: Pick<PullRequestTarget, 'apiUrl' | 'token'>, retryBaseMs = 1000): GitHub {
  return new GitHub({
    auth: target.token,
    baseUrl: target.apiUrl.replace(/\/$/, ''),
    userAgent: 'incidents-as-code',
    log: { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} },
    retry: { retryAfterBaseValue: retryBaseMs },
    // Octokit waits for ever by default: a request that hangs is cut off, and retried as a network error.
    request: { fetch: withTimeout(REQUEST_TIMEOUT_UNITS * retryBaseMs) },
    throttle: {
      write: new Bottleneck.Group({ maxConcurrent: 1, minTime: retryBaseMs }),
      notifications: new Bottleneck.Group({ maxConcurrent: 1, minTime: 3 * retryBaseMs }),
      retryAfterBaseValue: retryBaseMs,
      onRateLimit: (_after: number, _options: unknown, _octokit: unknown, retryCount: number) => retryCount < RATE_LIMIT_RETRIES,
      onSecondaryRateLimit: (_after: number, _options: unknown, _octokit: unknown, retryCount: number) => retryCount < RATE_LIMIT_RETRIES,
    },
  });
}

/** How long a request may take, in units of retryBaseMs: 20 s in production. */
const REQUEST_TIMEOUT_UNITS = 20;

/** fetch, aborted when it has not answered within `ms`. */
function withTimeout(ms: number): typeof fetch {
  return (input, init) => {
    const timeout = AbortSignal.timeout(ms);
    return fetch(input, { ...init, signal: init?.signal ? AbortSignal.any([init.signal, timeout]) : timeout });
  };
}

/**
 * Reads the pull request (its author and current head commit) and all its reviews, every page.
 * When the API cannot be read even after retries, says so instead: the gate then fails closed.
 */
export async function readReviewEvidence(github: GitHub, target: PullRequestTarget): Promise<ReviewEvidence> {
  const where = { owner: target.owner, repo: target.repo, pull_number: target.number };
  const call = `GET /repos/${target.owner}/${target.repo}/pulls/${target.number}`;
  try {
    const { data: pullRequest } = await github.rest.pulls.get(where);
    if (typeof pullRequest?.user?.login !== 'string' || typeof pullRequest.head?.sha !== 'string')
      throw new Error(`${call} answered with something that is not a pull request's JSON`);
    const reviews = await github.paginate(github.rest.pulls.listReviews, { ...where, per_page: 100 });
    if (!Array.isArray(reviews)) throw new Error(`${call}/reviews answered with something that is not a list of reviews`);
    return {
      known: true,
      author: pullRequest.user.login,
      headSha: pullRequest.head.sha,
      reviews: reviews.map((review) => ({ login: review.user?.login ?? '', state: review.state, commitId: review.commit_id })),
    };
  } catch (error) {
    return {
      known: false,
      reason: `the reviews of pull request #${target.number} could not be read from ${target.apiUrl} (${describeError(error)}), so no approval can be proven`,
    };
  }
}

/** Marks the one comment the gate keeps on a pull request. */
export const COMMENT_MARKER = '<!-- incidents-as-code:check-pr -->';

/**
 * Writes the gate's comment on the pull request, updating its earlier one in place (found by the
 * marker, written by a bot) rather than adding another. Returns what it did.
 */
export async function upsertComment(github: GitHub, target: PullRequestTarget, body: string): Promise<'created' | 'updated' | 'unchanged'> {
  const where = { owner: target.owner, repo: target.repo };
  const text = `${COMMENT_MARKER}\n${body}`;
  const comments = await github.paginate(github.rest.issues.listComments, { ...where, issue_number: target.number, per_page: 100 });
  const earlier = comments.find((comment) => comment.user?.type === 'Bot' && comment.body?.startsWith(COMMENT_MARKER));
  if (earlier?.body === text) return 'unchanged';
  if (earlier) {
    await github.rest.issues.updateComment({ ...where, comment_id: earlier.id, body: text });
    return 'updated';
  }
  await github.rest.issues.createComment({ ...where, issue_number: target.number, body: text });
  return 'created';
}

/** A short reason for an API failure: the call, the HTTP status and GitHub's message, or the network error. */
export function describeError(error: unknown): string {
  if (typeof error === 'object' && error !== null && 'status' in error && typeof error.status === 'number') {
    const message = error instanceof Error ? error.message : '';
    const request = (error as { request?: { method?: string; url?: string } }).request;
    const call = request?.method && request.url ? `${request.method} ${new URL(request.url).pathname}: ` : '';
    return `${call}HTTP ${error.status}${message ? `: ${message}` : ''}`;
  }
  return error instanceof Error ? error.message : String(error);
}
