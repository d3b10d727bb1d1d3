import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const IDENTITY = { GIT_AUTHOR_NAME: 'Test', GIT_AUTHOR_EMAIL: 'test@example.com', GIT_COMMITTER_NAME: 'Test', GIT_COMMITTER_EMAIL: 'test@example.com' };

/** Runs git in a test repository and returns what it printed. */
export function git(dir: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd: dir, env: { ...process.env, ...IDENTITY }, encoding: 'utf8' }).trim();
}

/** A change to make on the pull request's branch: new text for a path, or null to delete it. */
export type FileEdits = Record<string, string | null>;

/** Writes or deletes files in a working tree. */
export function applyEdits(dir: string, edits: FileEdits): void {
  for (const [path, text] of Object.entries(edits)) {
    if (text === null) rmSync(join(dir, path));
    else {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), text);
    }
  }
}

/**
 * A real git repository in a temporary folder: `main` holds a copy of `from` plus `base` edits,
 * and the branch `pr` one commit on with `head` edits. Returns the folder and both commits.
 */
export function makePullRequestRepo(from: string, base: FileEdits, head: FileEdits): { dir: string; baseSha: string; headSha: string } {
  const dir = mkdtempSync(join(tmpdir(), 'incidents-pr-'));
  cpSync(from, dir, { recursive: true });
  applyEdits(dir, base);
  git(dir, 'init', '-q', '-b', 'main');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'base');
  git(dir, 'checkout', '-q', '-b', 'pr');
  applyEdits(dir, head);
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '--allow-empty', '-m', 'change');
  return { dir, baseSha: git(dir, 'rev-parse', 'main'), headSha: git(dir, 'rev-parse', 'pr') };
}
