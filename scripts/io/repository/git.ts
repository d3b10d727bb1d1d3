import { spawn } from 'node:child_process';

import { GitError } from '../../core/errors.js';

/** Runs git in a folder and returns what it printed, or throws a GitError with its stderr. */
export function runGit(root: string, args: readonly string[], input?: string): Promise<{ code: number; stdout: Buffer }> {
  return new Promise((resolve, reject) => {
    const child = spawn('git', args, { cwd: root, stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C' } });
    const stdout: Buffer[] = [];
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', (error) =>
      reject(new GitError(`git could not be run (${error.message}): install git, or run check-pr in a git checkout`, { cause: error })),
    );
    child.on('close', (code) => {
      if (code === 0 || code === 1) resolve({ code, stdout: Buffer.concat(stdout) });
      else reject(new GitError(`git ${args[0]} failed: ${stderr.trim() || `exit ${code}`}`));
    });
    child.stdin.end(input);
  });
}

/** The commit a ref names (a branch, tag or sha), or undefined when there is none. */
export async function resolveCommit(root: string, ref: string): Promise<string | undefined> {
  const { code, stdout } = await runGit(root, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`]);
  return code === 0 ? stdout.toString().trim() : undefined;
}

/** The best common ancestor of two commits, or undefined when they share no history (or a shallow clone hides it). */
export async function findMergeBase(root: string, a: string, b: string): Promise<string | undefined> {
  const { code, stdout } = await runGit(root, ['merge-base', a, b]);
  return code === 0 ? stdout.toString().trim() : undefined;
}

/** True when the checkout is a shallow clone (actions/checkout's default depth of 1). */
export async function isShallow(root: string): Promise<boolean> {
  const { stdout } = await runGit(root, ['rev-parse', '--is-shallow-repository']);
  return stdout.toString().trim() === 'true';
}

/** The files that differ between two commits under the given paths, relative to root, renames found. */
export async function diffNames(root: string, from: string, to: string, paths: readonly string[]): Promise<{ status: string; paths: string[] }[]> {
  const { stdout } = await runGit(root, ['diff', '--name-status', '-z', '-M', '--relative', '--no-ext-diff', from, to, '--', ...paths]);
  const fields = stdout.toString().split('\0');
  const changes: { status: string; paths: string[] }[] = [];
  for (let index = 0; index < fields.length - 1;) {
    const status = fields[index]!;
    const count = status.startsWith('R') || status.startsWith('C') ? 2 : 1;
    changes.push({ status, paths: fields.slice(index + 1, index + 1 + count) });
    index += 1 + count;
  }
  return changes;
}

/** One entry of a commit's tree. */
export interface TreeEntry {
  mode: string;
  type: string;
  object: string;
  /** Size in bytes; undefined for anything but a blob. */
  size: number | undefined;
  /** Relative to root. */
  path: string;
}

/** Lists the files of a commit under the given paths (relative to root), recursively. */
export async function listTree(root: string, commit: string, paths: readonly string[]): Promise<TreeEntry[]> {
  const { stdout } = await runGit(root, ['ls-tree', '-r', '-z', '--long', commit, '--', ...paths]);
  return stdout
    .toString()
    .split('\0')
    .filter((line) => line !== '')
    .map((line) => {
      const tab = line.indexOf('\t');
      const [mode = '', type = '', object = '', size = ''] = line.slice(0, tab).split(/ +/);
      return { mode, type, object, size: size === '-' ? undefined : Number(size), path: line.slice(tab + 1) };
    });
}

/** Reads blobs by object id, all in one `git cat-file --batch`, as bytes. */
export async function readBlobs(root: string, objects: readonly string[]): Promise<Map<string, Buffer>> {
  const texts = new Map<string, Buffer>();
  if (objects.length === 0) return texts;
  const { stdout } = await runGit(root, ['cat-file', '--batch'], objects.map((object) => `${object}\n`).join(''));
  let offset = 0;
  for (const object of objects) {
    const headerEnd = stdout.indexOf(0x0a, offset);
    const [, type, size] = stdout.subarray(offset, headerEnd).toString().split(' ');
    if (type !== 'blob' || size === undefined) throw new GitError(`git cat-file could not read ${object}`);
    const start = headerEnd + 1;
    texts.set(object, stdout.subarray(start, start + Number(size)));
    offset = start + Number(size) + 1;
  }
  return texts;
}

/** The branch checked out in the repository holding a folder; undefined outside git, or without git. */
export async function currentBranch(folder: string): Promise<string | undefined> {
  try {
    const { code, stdout } = await runGit(folder, ['symbolic-ref', '--short', '--quiet', 'HEAD']);
    return code === 0 ? stdout.toString().trim() : undefined;
  } catch {
    return undefined;
  }
}
