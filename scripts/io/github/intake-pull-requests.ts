import { createHash } from 'node:crypto';
import { DEFAULT_KEY_LABELS, keyOf, mapIntake, type IntakeChange, type IntakeResult, type IntakeState } from '../../core/intake/map-intake.js';
import type { IntakePayload } from '../../core/intake/payload.js';
import { RECORD_KINDS } from '../../core/records/kinds.js';
import type { TextFile } from '../../core/records/validate.js';
import { createGitHub, type GitHub } from './api.js';
import type { RepositoryTarget } from './event.js';

/** The branches intake opens its pull requests from: one per incident key. */
export const INTAKE_BRANCH_PREFIX = 'incidents-intake/';

/** The labels intake's pull requests carry. */
export const INTAKE_LABELS = ['incident', 'intake'];

/** What intake did on GitHub for one record. */
export interface PullRequestOutcome {
  number: number;
  url: string;
  /** opened: a new pull request; committed: a commit added to the one open; unchanged: it already had this. */
  action: 'opened' | 'committed' | 'unchanged';
}

/** The branch of a key: readable, and unique by a hash of the whole key. */
export function branchOf(key: string): string {
  const slug = key
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 50)
    .replace(/-+$/, '');
  return `${INTAKE_BRANCH_PREFIX}${slug || 'key'}-${createHash('sha256').update(key).digest('hex').slice(0, 10)}`;
}

interface OpenPull {
  number: number;
  url: string;
  branch: string;
  /** The records it adds or changes, as on its branch. */
  files: TextFile[];
}

/** The refs that reserve incident ids, one each (`incidents-intake/ids/INC-2026-0001`): creating one is atomic. */
export const ID_RESERVATION_PREFIX = `${INTAKE_BRANCH_PREFIX}ids/`;

/** How many times intake maps again after another run took an id it picked. */
const MAX_ID_ATTEMPTS = 20;

/**
 * Intake in pull-request mode: the records of intake's open pull requests are read first (so a key
 * with a pull request open is updated there), then the payload is mapped, and each new incident's id
 * is reserved by creating its ref under `incidents-intake/ids/` (GitHub creates a ref once: a run
 * that finds it taken maps again with the next id, so two runs at once never give out one id). Each
 * change goes to its key's branch through the contents API: a new pull request (labelled, with the
 * alert links or the reporter) or a commit on the open one. A branch is never reset: one whose pull
 * request was closed is left, and the key moves to its next branch (`…-2`, `…-3`). A file already as
 * written makes no commit, so a re-run changes nothing. The API retries transient faults (api.ts);
 * any other failure is thrown, and the caller fails.
 * @param stateOf the intake state of a set of record files (the working tree's, with the pull requests' on top)
 */
export async function intakeWithPullRequests(
  target: RepositoryTarget,
  state: IntakeState,
  payload: IntakePayload,
  at: string,
  stateOf: (files: readonly TextFile[]) => IntakeState,
  retryBaseMs?: number,
): Promise<{ result: IntakeResult; pullRequests: Map<string, PullRequestOutcome> }> {
  const github = createGitHub(target, retryBaseMs);
  const where = { owner: target.owner, repo: target.repo };
  const { data: repository } = await github.rest.repos.get(where);
  const base = repository.default_branch;
  const open = await openIntakePulls(github, target);

  const overlay = new Map(state.files.map((file) => [file.path, file.text]));
  for (const pull of open) for (const file of pull.files) overlay.set(file.path, file.text);
  const merged = stateOf([...overlay].map(([path, text]) => ({ path, text })));
  const known = [...new Set([...(state.names ?? []), ...overlay.keys()])];
  const result = await mapReserving(github, target, base, (taken) => mapIntake({ ...merged, names: [...known, ...taken] }, payload, at));

  const pullRequests = new Map<string, PullRequestOutcome>();
  for (const change of [...result.created, ...result.updated]) {
    const holder = open.find((pull) => pull.files.some((file) => file.path === change.path));
    const found = holder ? { branch: holder.branch, pull: holder } : await keyBranch(github, target, base, change.key, open);
    const { branch } = found;
    const committed = await commitFile(github, target, branch, change, payload);
    const existing = found.pull ?? (await openPullOf(github, target, branch));
    if (existing) {
      pullRequests.set(change.path, { number: existing.number, url: existing.url, action: committed ? 'committed' : 'unchanged' });
      continue;
    }
    const pull = await openPull(github, target, {
      head: branch,
      base,
      title: `${change.id}: ${change.title}`,
      body: describePull(change, payload, state.config.intake?.key_labels ?? DEFAULT_KEY_LABELS),
    });
    if (!pull.created) {
      // Another run opened it since: this commit is on its branch, so it is in that pull request.
      pullRequests.set(change.path, { number: pull.number, url: pull.url, action: committed ? 'committed' : 'unchanged' });
      continue;
    }
    await github.rest.issues.addLabels({ ...where, issue_number: pull.number, labels: INTAKE_LABELS });
    open.push({ number: pull.number, url: pull.url, branch, files: [change.file] });
    pullRequests.set(change.path, { number: pull.number, url: pull.url, action: 'opened' });
  }
  return { result, pullRequests };
}

/**
 * Maps, then reserves each new incident's id by creating its ref; an id another run holds is added
 * to the taken names and the payload is mapped again, until every new id is this run's.
 */
async function mapReserving(github: GitHub, target: RepositoryTarget, base: string, map: (taken: readonly string[]) => IntakeResult): Promise<IntakeResult> {
  const taken: string[] = [];
  const held = new Set<string>();
  let sha: string | undefined;
  for (let attempt = 0; attempt < MAX_ID_ATTEMPTS; attempt++) {
    const result = map(taken);
    const lost = [];
    for (const change of result.created) {
      if (held.has(change.id)) continue;
      sha ??= (await github.rest.git.getRef({ owner: target.owner, repo: target.repo, ref: `heads/${base}` })).data.object.sha;
      if (await createRef(github, target, `${ID_RESERVATION_PREFIX}${change.id}`, sha)) held.add(change.id);
      else lost.push(change.path);
    }
    if (lost.length === 0) return result;
    taken.push(...lost);
  }
  throw new Error(`other intake runs took every incident id tried (${MAX_ID_ATTEMPTS} tries)`);
}

/**
 * The branch a key's change goes to, made as a lock: creating it is atomic, so of two runs one
 * makes it and the other finds it and commits on top (never resetting it). A branch whose pull
 * request was closed is left as it is, and the next (`…-2`, `…-3`) is tried.
 */
async function keyBranch(
  github: GitHub,
  target: RepositoryTarget,
  base: string,
  key: string,
  open: readonly OpenPull[],
): Promise<{ branch: string; pull?: OpenPull }> {
  const first = branchOf(key);
  const { data: head } = await github.rest.git.getRef({ owner: target.owner, repo: target.repo, ref: `heads/${base}` });
  for (let generation = 1; generation <= MAX_ID_ATTEMPTS; generation++) {
    const branch = generation === 1 ? first : `${first}-${generation}`;
    const pull = open.find((candidate) => candidate.branch === branch);
    if (pull) return { branch, pull };
    if (await createRef(github, target, branch, head.object.sha)) return { branch };
    const { data: closed } = await github.rest.pulls.list({ owner: target.owner, repo: target.repo, state: 'closed', head: `${target.owner}:${branch}` });
    // No pull request closed from it: another run is filling it (or its pull request was opened since): commit on top.
    if (closed.length === 0) return { branch };
  }
  throw new Error(`the key ${key} has ${MAX_ID_ATTEMPTS} branches left from closed pull requests`);
}

/** Creates a ref at a commit; false when it is there already (GitHub answers 422). */
async function createRef(github: GitHub, target: RepositoryTarget, branch: string, sha: string): Promise<boolean> {
  try {
    await github.rest.git.createRef({ owner: target.owner, repo: target.repo, ref: `refs/heads/${branch}`, sha });
    return true;
  } catch (error) {
    if ((error as { status?: number }).status !== 422) throw error;
    return false;
  }
}

/** The open pull request from a branch of this repository, if any. */
async function openPullOf(github: GitHub, target: RepositoryTarget, branch: string): Promise<OpenPull | undefined> {
  const { data } = await github.rest.pulls.list({ owner: target.owner, repo: target.repo, state: 'open', head: `${target.owner}:${branch}` });
  return data[0] && { number: data[0].number, url: data[0].html_url, branch, files: [] };
}

/** Opens a pull request; when GitHub answers 422 because one is open from the branch already (another run's), that one. */
async function openPull(
  github: GitHub,
  target: RepositoryTarget,
  request: { head: string; base: string; title: string; body: string },
): Promise<{ number: number; url: string; created: boolean }> {
  try {
    const { data } = await github.rest.pulls.create({ owner: target.owner, repo: target.repo, ...request });
    return { number: data.number, url: data.html_url, created: true };
  } catch (error) {
    if ((error as { status?: number }).status !== 422) throw error;
    const raced = await openPullOf(github, target, request.head);
    if (!raced) throw error;
    return { number: raced.number, url: raced.url, created: false };
  }
}

/** Intake's open pull requests from this repository, and the record files each adds or changes. */
async function openIntakePulls(github: GitHub, target: RepositoryTarget): Promise<OpenPull[]> {
  const where = { owner: target.owner, repo: target.repo };
  const pulls = await github.paginate(github.rest.pulls.list, { ...where, state: 'open', per_page: 100 });
  const ours = pulls.filter((pull) => pull.head.ref.startsWith(INTAKE_BRANCH_PREFIX) && pull.head.repo?.full_name === `${target.owner}/${target.repo}`);
  const folder = `${RECORD_KINDS.incidents.folder}/`;
  const result: OpenPull[] = [];
  for (const pull of ours) {
    const changed = await github.paginate(github.rest.pulls.listFiles, { ...where, pull_number: pull.number, per_page: 100 });
    const files: TextFile[] = [];
    for (const file of changed) {
      if (!file.filename.startsWith(folder) || file.status === 'removed') continue;
      const text = await readFileAt(github, target, file.filename, pull.head.ref);
      if (text !== undefined) files.push({ path: file.filename, text });
    }
    result.push({ number: pull.number, url: pull.html_url, branch: pull.head.ref, files });
  }
  return result;
}

/** A file's text on a branch, and its blob sha; undefined when it is not there. */
async function readFileAt(github: GitHub, target: RepositoryTarget, path: string, ref: string): Promise<string | undefined> {
  return (await readFileWithSha(github, target, path, ref))?.text;
}

async function readFileWithSha(github: GitHub, target: RepositoryTarget, path: string, ref: string): Promise<{ text: string; sha: string } | undefined> {
  try {
    const { data } = await github.rest.repos.getContent({ owner: target.owner, repo: target.repo, path, ref });
    if (Array.isArray(data) || data.type !== 'file' || !('content' in data)) throw new Error(`${path} on ${ref} is not a file`);
    return { text: Buffer.from(data.content, 'base64').toString('utf8'), sha: data.sha };
  } catch (error) {
    if ((error as { status?: number }).status === 404) return undefined;
    throw error;
  }
}

/** Commits the record's new text to the branch; false when it already has it. */
async function commitFile(github: GitHub, target: RepositoryTarget, branch: string, change: IntakeChange, payload: IntakePayload): Promise<boolean> {
  const before = await readFileWithSha(github, target, change.path, branch);
  if (before?.text === change.file.text) return false;
  const verb = before ? `${change.id}: ${change.status}` : `${change.id}: new incident`;
  await github.rest.repos.createOrUpdateFileContents({
    owner: target.owner,
    repo: target.repo,
    path: change.path,
    branch,
    message: `${verb} (intake from ${payload.source})`,
    content: Buffer.from(change.file.text, 'utf8').toString('base64'),
    ...(before ? { sha: before.sha } : {}),
  });
  return true;
}

/** Text from a payload, shown in a pull request: inside a code span, so it is never markup, a link or a mention. */
function codeSpan(text: string): string {
  const flat = text
    .replace(/[\p{Cc}\u2028\u2029]/gu, ' ')
    .replace(/`/g, "'")
    .slice(0, 300);
  return `\`${flat || ' '}\``;
}

/** An alert's address, shown only when it is a plain http(s) address. */
function link(url: string | undefined): string {
  return url && /^https?:\/\/[^\s<>`"'()[\]]+$/.test(url) && url.length <= 2000 ? ` <${url}>` : '';
}

/** The pull request's description: what to review, and where the incident came from. */
function describePull(change: IntakeChange, payload: IntakePayload, keyLabels: readonly string[]): string {
  const lines = [
    `Intake opened ${change.id} from ${payload.source === 'issue' ? 'a report' : `${payload.source} alerts`} (key ${codeSpan(change.key)}).`,
    '',
    change.status === 'cancelled'
      ? `It matches the known error ${change.knownError}, so it is recorded as cancelled: merge it to count it against the known error.`
      : 'Merging this pull request acknowledges the incident: check the title, the services, the impact and the urgency first.',
    '',
  ];
  if (payload.source === 'issue') {
    lines.push(`Reported by @${payload.author} in #${payload.number}.`);
  } else {
    lines.push('Alerts:');
    const ofKey = payload.alerts.filter((alert) => keyOf(alert.labels, keyLabels) === change.key);
    for (const alert of ofKey.slice(0, 20)) {
      lines.push(`- ${alert.status} ${codeSpan(alert.annotations.summary ?? alert.labels.alertname ?? '')} since ${alert.startsAt}${link(alert.generatorURL)}`);
    }
    if (ofKey.length > 20) lines.push(`- and ${ofKey.length - 20} more (the record lists them all)`);
  }
  return lines.join('\n');
}
