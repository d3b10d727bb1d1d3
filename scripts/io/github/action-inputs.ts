import { readFileSync } from 'node:fs';

/** The commands a workflow may run through the Action, with the flags each may take; new and update are for people. */
export const ACTION_COMMANDS: Readonly<Record<string, readonly string[]>> = {
  validate: [],
  'check-pr': [],
  sla: ['--notify'],
  build: [],
  report: [],
  announce: [],
  intake: ['--pull-request'],
};

/** The Action's inputs, as action.yml declares them and @actions/core's getInput reads them (trimmed, '' when not given). */
export interface ActionInputs {
  command: string;
  root: string;
  githubToken: string;
}

/**
 * Turns the Action's inputs into a CLI invocation reporting with `--format github` and its
 * environment (the token as GITHUB_TOKEN), or says what is wrong with them. check-pr takes its base
 * and head from the event's pull request (GITHUB_EVENT_PATH).
 */
export function toActionInvocation(
  inputs: ActionInputs,
  env: Readonly<Record<string, string | undefined>>,
): { argv: string[]; env: Record<string, string | undefined> } | { error: string } {
  const [command = 'validate', ...flags] = inputs.command.split(/\s+/).filter(Boolean);
  const allowed = Object.hasOwn(ACTION_COMMANDS, command) ? ACTION_COMMANDS[command]! : undefined;
  if (!allowed || flags.some((flag) => !allowed.includes(flag))) {
    const forms = Object.entries(ACTION_COMMANDS).flatMap(([name, extra]) => [name, ...extra.map((flag) => `${name} ${flag}`)]);
    return { error: `The input command is "${inputs.command}": expected one of ${forms.join(', ')}` };
  }
  const argv = [command, ...flags, '--root', inputs.root || '.', '--format', 'github'];
  const commandEnv = { ...env, GITHUB_TOKEN: inputs.githubToken || env.GITHUB_TOKEN };
  if (command !== 'check-pr') return { argv, env: commandEnv };
  const refs = pullRequestRefs(env.GITHUB_EVENT_PATH);
  if (!refs) return { error: 'check-pr runs on pull_request and pull_request_review events, and this event has no pull request' };
  return { argv: [...argv, '--base', refs.base, '--head', refs.head], env: commandEnv };
}

/** The base and head commits of the event's pull request. */
function pullRequestRefs(eventPath: string | undefined): { base: string; head: string } | undefined {
  try {
    const event = JSON.parse(readFileSync(eventPath ?? '', 'utf8')) as { pull_request?: { base?: { sha?: unknown }; head?: { sha?: unknown } } };
    const base = event.pull_request?.base?.sha;
    const head = event.pull_request?.head?.sha;
    return typeof base === 'string' && typeof head === 'string' ? { base, head } : undefined;
  } catch {
    return undefined;
  }
}
