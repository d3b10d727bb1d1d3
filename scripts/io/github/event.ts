import { readFile } from 'node:fs/promises';

/** The repository of a workflow run, where its API is, and the token to call it with. */
export interface RepositoryTarget {
  apiUrl: string;
  owner: string;
  repo: string;
  /** The token's value; never printed. */
  token: string;
}

/** The pull request a workflow run is about. */
export interface PullRequestTarget extends RepositoryTarget {
  number: number;
  /** The head branch lives in a fork: the workflow token is read-only, so no comment can be written. */
  fromFork: boolean;
}

type Env = Readonly<Record<string, string | undefined>>;

/** The token as Actions gives it to a step (GITHUB_TOKEN) or to the Action (its github-token input). */
function tokenOf(env: Env): string | undefined {
  return env.GITHUB_TOKEN || env['INPUT_GITHUB-TOKEN'] || undefined;
}

/** The repository of a GitHub Actions run (GITHUB_REPOSITORY, GITHUB_API_URL, the token), or why there is none. */
export function readRepositoryTarget(env: Env): { ok: true; target: RepositoryTarget } | { ok: false; reason: string } {
  const [owner, repo, ...extra] = (env.GITHUB_REPOSITORY ?? '').split('/');
  if (!owner || !repo || extra.length > 0) return { ok: false, reason: `GITHUB_REPOSITORY is "${env.GITHUB_REPOSITORY ?? ''}", expected owner/name` };
  const token = tokenOf(env);
  if (!token) return { ok: false, reason: 'there is no token (set GITHUB_TOKEN: ${{ github.token }} on the step, with issues: write)' };
  return { ok: true, target: { apiUrl: env.GITHUB_API_URL || 'https://api.github.com', owner, repo, token } };
}

/**
 * Finds the pull request of a GitHub Actions run from what Actions provides: GITHUB_API_URL (so
 * GitHub Enterprise Server works), GITHUB_REPOSITORY, the event payload at GITHUB_EVENT_PATH, and
 * the token in GITHUB_TOKEN (or the Action's github-token input). Says why when it cannot.
 */
export async function readPullRequestTarget(env: Env): Promise<{ ok: true; target: PullRequestTarget } | { ok: false; reason: string }> {
  if (!tokenOf(env))
    return {
      ok: false,
      reason: 'there is no token to read the reviews with (set GITHUB_TOKEN: ${{ github.token }} on the step), so no approval can be proven',
    };
  const eventPath = env.GITHUB_EVENT_PATH;
  if (!eventPath)
    return {
      ok: false,
      reason: 'GITHUB_EVENT_PATH is not set, so there is no pull request to read reviews from: run check-pr in a pull_request or pull_request_review workflow',
    };
  const repository = readRepositoryTarget(env);
  if (!repository.ok) return repository;

  let event: unknown;
  try {
    event = JSON.parse(await readFile(eventPath, 'utf8'));
  } catch (error) {
    return { ok: false, reason: `the event payload ${eventPath} could not be read: ${error instanceof Error ? error.message : String(error)}` };
  }
  const pullRequest = field(event, 'pull_request');
  const number = field(pullRequest, 'number');
  if (typeof number !== 'number')
    return { ok: false, reason: `the event at ${eventPath} is not about a pull request: run check-pr on pull_request or pull_request_review events` };
  const headRepo = field(field(field(pullRequest, 'head'), 'repo'), 'full_name');
  const baseRepo = field(field(field(pullRequest, 'base'), 'repo'), 'full_name');
  return { ok: true, target: { ...repository.target, number, fromFork: headRepo !== baseRepo } };
}

/** A property of a JSON value, or undefined when the value is not an object. */
function field(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
}
