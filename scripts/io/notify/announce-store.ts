import { randomBytes } from 'node:crypto';
import { readFile, rename, writeFile } from 'node:fs/promises';
import { StateWriteError, UsageError } from '../../core/errors.js';
import { emptyState, parseState, serializeState, type AnnounceState } from '../../core/announce/state.js';
import { describeError, type GitHub } from '../github/api.js';
import type { RepositoryTarget } from '../github/event.js';

/**
 * Where announce remembers what it delivered, outside the runner and outside the public site:
 * a file (`--state FILE`, local runs and tests) or a file on a branch of the repository (in
 * Actions). `save` returns once the state is stored, so a crash right after it loses nothing;
 * announce saves after every message, so a crash between sending and saving re-sends at most that
 * one message.
 */
export interface AnnounceStore {
  /** Where it is, for messages: `announce-state.json on branch incidents-announce`. */
  readonly where: string;
  load(): Promise<AnnounceState>;
  save(state: AnnounceState): Promise<void>;
}

/** A state file: missing means nothing remembered yet; written whole to a temporary file, then renamed over it. */
export function fileStore(path: string): AnnounceStore {
  return {
    where: path,
    async load() {
      let text: string;
      try {
        text = await readFile(path, 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return emptyState();
        throw new UsageError(`incidents announce: cannot read the state file ${path} (${(error as Error).message})`);
      }
      const parsed = parseState(text);
      if (!parsed.ok)
        throw new UsageError(
          `incidents announce: the state file ${path} cannot be used: ${parsed.reason}. Fix or remove it (removing it makes the next run a first run).`,
        );
      return parsed.state;
    },
    async save(state) {
      const temporary = `${path}.${randomBytes(4).toString('hex')}.tmp`;
      try {
        await writeFile(temporary, serializeState(state));
        await rename(temporary, path);
      } catch (error) {
        throw new StateWriteError(`cannot write the state file ${path} (${(error as Error).message})`);
      }
    },
  };
}

/** The branch and file the workflow's state lives in. */
export const STATE_BRANCH = 'incidents-announce';
export const STATE_FILE = 'announce-state.json';

/**
 * The state as a file on a branch of its own (STATE_BRANCH), through GitHub's contents API: each
 * save is a commit, made only on top of the one loaded (its blob sha), so two runs can never both
 * write (the workflow's concurrency keeps them apart; this refuses if that ever fails). The branch
 * is made on the first save, from `baseSha` (the run's commit). Needs `contents: write`.
 */
export function gitHubStore(github: GitHub, target: RepositoryTarget, baseSha: string | undefined): AnnounceStore {
  const where = { owner: target.owner, repo: target.repo };
  let sha: string | undefined;
  let branchExists = false;
  return {
    where: `${STATE_FILE} on branch ${STATE_BRANCH} of ${target.owner}/${target.repo}`,
    async load() {
      try {
        await github.rest.repos.getBranch({ ...where, branch: STATE_BRANCH });
        branchExists = true;
      } catch (error) {
        if (statusOf(error) !== 404) throw new UsageError(`incidents announce: cannot read branch ${STATE_BRANCH} (${describeError(error)})`);
        return emptyState();
      }
      try {
        const { data } = await github.rest.repos.getContent({ ...where, path: STATE_FILE, ref: STATE_BRANCH });
        if (Array.isArray(data) || data.type !== 'file' || !('content' in data))
          throw new UsageError(`incidents announce: ${STATE_FILE} on ${STATE_BRANCH} is not a file`);
        sha = data.sha;
        const parsed = parseState(Buffer.from(data.content, 'base64').toString('utf8'));
        if (!parsed.ok) throw new UsageError(`incidents announce: ${STATE_FILE} on branch ${STATE_BRANCH} cannot be used: ${parsed.reason}`);
        return parsed.state;
      } catch (error) {
        if (error instanceof UsageError) throw error;
        if (statusOf(error) === 404) return emptyState();
        throw new UsageError(`incidents announce: cannot read ${STATE_FILE} on ${STATE_BRANCH} (${describeError(error)})`);
      }
    },
    async save(state) {
      try {
        await saveOnBranch(state);
      } catch (error) {
        throw new StateWriteError(
          `cannot save ${STATE_FILE} on branch ${STATE_BRANCH} (${error instanceof Error && !('status' in error) ? error.message : describeError(error)}): the job needs permissions: contents: write`,
        );
      }
    },
  };

  /** One commit of the state on the branch, made from the run's commit the first time; only on top of the version read. */
  async function saveOnBranch(state: AnnounceState): Promise<void> {
    if (!branchExists) {
      if (!baseSha) throw new Error(`the branch ${STATE_BRANCH} does not exist and GITHUB_SHA is not set to make it from`);
      await github.rest.git.createRef({ ...where, ref: `refs/heads/${STATE_BRANCH}`, sha: baseSha });
      branchExists = true;
    }
    const { data } = await github.rest.repos.createOrUpdateFileContents({
      ...where,
      path: STATE_FILE,
      branch: STATE_BRANCH,
      message: 'announce: remember what was delivered',
      content: Buffer.from(serializeState(state)).toString('base64'),
      ...(sha ? { sha } : {}),
    });
    sha = data.content?.sha ?? sha;
  }
}

function statusOf(error: unknown): number | undefined {
  return typeof error === 'object' && error !== null && 'status' in error && typeof error.status === 'number' ? error.status : undefined;
}
