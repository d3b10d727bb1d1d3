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

/**
 * Intake in pull-request mode: the records of intake's open pull requests are read first (so a key
 * with a pull request open is updated there, and no id is given twice), then the payload is mapped,
 * and each change goes to its key's branch through the contents API: a new pull request (labelled,
 * with the alert links or the reporter) or a commit on the open one. A file already as written makes
 * no commit, so a re-run changes nothing. The API retries transient faults (api.ts); any other
 * failure is thrown, and the caller fails.
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
  const names = [...new Set([...(state.names ?? []), ...overlay.keys()])];
  const merged = { ...stateOf([...overlay].map(([path, text]) => ({ path, text }))), names };
  const result = mapIntake(merged, payload, at);

  const pullRequests = new Map<string, PullRequestOutcome>();
  for (const change of [...result.created, ...result.updated]) {
    const holder = open.find((pull) => pull.files.some((file) => file.path === change.path));
    const branch = holder?.branch ?? branchOf(change.key);
    let existing = holder ?? open.find((pull) => pull.branch === branch);
    if (!existing && !(await startBranch(github, target, base, branch))) {
      // Another run made the branch since this one listed the pull requests: its pull request, if open, takes the commit.
      const { data: raced } = await github.rest.pulls.list({ ...where, state: 'open', head: `${target.owner}:${branch}` });
      if (raced[0]) existing = { number: raced[0].number, url: raced[0].html_url, branch, files: [] };
      else await resetBranch(github, target, base, branch);
    }
    const committed = await commitFile(github, target, branch, change, payload);
    if (existing) {
      pullRequests.set(change.path, { number: existing.number, url: existing.url, action: committed ? 'committed' : 'unchanged' });
      continue;
    }
    const { data: pull } = await github.rest.pulls.create({
      ...where,
      head: branch,
      base,
      title: `${change.id}: ${change.title}`,
      body: describePull(change, payload, state.config.intake?.key_labels ?? DEFAULT_KEY_LABELS),
    });
    await github.rest.issues.addLabels({ ...where, issue_number: pull.number, labels: INTAKE_LABELS });
    const opened: OpenPull = { number: pull.number, url: pull.html_url, branch, files: [change.file] };
    open.push(opened);
    pullRequests.set(change.path, { number: pull.number, url: pull.html_url, action: 'opened' });
  }
  return { result, pullRequests };
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

/** Makes the key's branch at the base branch's head; false when a branch of that name is there already. */
async function startBranch(github: GitHub, target: RepositoryTarget, base: string, branch: string): Promise<boolean> {
  const where = { owner: target.owner, repo: target.repo };
  const { data: head } = await github.rest.git.getRef({ ...where, ref: `heads/${base}` });
  try {
    await github.rest.git.createRef({ ...where, ref: `refs/heads/${branch}`, sha: head.object.sha });
    return true;
  } catch (error) {
    if ((error as { status?: number }).status !== 422) throw error;
    return false;
  }
}

/** Moves a branch left from a closed pull request to the base branch's head, to start afresh. */
async function resetBranch(github: GitHub, target: RepositoryTarget, base: string, branch: string): Promise<void> {
  const where = { owner: target.owner, repo: target.repo };
  const { data: head } = await github.rest.git.getRef({ ...where, ref: `heads/${base}` });
  await github.rest.git.updateRef({ ...where, ref: `heads/${branch}`, sha: head.object.sha, force: true });
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
