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

/** One side of a changed file, as `git diff --raw` gives it. */
export interface DiffSide {
  mode: string;
  object: string;
}

/** A file that differs between two commits: git's status letter (and score), its path(s), and what it was and is. */
export interface DiffEntry {
  status: string;
  /** One path; a rename's (or copy's) path before and after. */
  paths: string[];
  /** The file at `from`; undefined when it is added. */
  before: DiffSide | undefined;
  /** The file at `to`; undefined when it is deleted. */
  after: DiffSide | undefined;
}

/**
 * The files that differ between two commits under the given paths, relative to root, renames
 * found, each with its mode and object at both ends: what a pull request changes and the base
 * versions of those files, without listing either tree.
 */
export async function diffEntries(root: string, from: string, to: string, paths: readonly string[]): Promise<DiffEntry[]> {
  const { stdout } = await runGit(root, ['diff', '--raw', '--no-abbrev', '-z', '-M', '--relative', '--no-ext-diff', from, to, '--', ...paths]);
  const fields = stdout.toString().split('\0');
  const changes: DiffEntry[] = [];
  for (let index = 0; index < fields.length - 1;) {
    // `:<mode before> <mode after> <object before> <object after> <status>`, then the path(s).
    const [modeBefore = '', modeAfter = '', objectBefore = '', objectAfter = '', status = ''] = fields[index]!.slice(1).split(' ');
    const count = status.startsWith('R') || status.startsWith('C') ? 2 : 1;
    changes.push({
      status,
      paths: fields.slice(index + 1, index + 1 + count),
      before: /^0+$/.test(modeBefore) ? undefined : { mode: modeBefore, object: objectBefore },
      after: /^0+$/.test(modeAfter) ? undefined : { mode: modeAfter, object: objectAfter },
    });
    index += 1 + count;
  }
  return changes;
}

/** One entry of a commit's tree. */
export interface TreeEntry {
  mode: string;
  type: string;
  object: string;
  /** Relative to root. */
  path: string;
}

/** The object type a tree entry's mode gives: a folder, a submodule's commit, or a blob (a file or a symbolic link). */
export function typeOfMode(mode: string): string {
  if (mode === '040000') return 'tree';
  return mode === '160000' ? 'commit' : 'blob';
}

/** A commit's tree as git listed it: every path, in the tree's order, and the entry at each. */
export interface TreeListing {
  paths: readonly string[];
  /** The entry at an index of `paths` (parsed when asked for: most of a large listing is only looked at by path). */
  entry(index: number): TreeEntry;
}

/** Entries already made (from a diff) as a listing. */
export function listingOf(entries: readonly TreeEntry[]): TreeListing {
  return { paths: entries.map(({ path }) => path), entry: (index) => entries[index]! };
}

/**
 * Lists the files of a commit under the given paths (relative to root), recursively, without
 * their sizes: `--long` costs git a read of every blob's header, most of the listing's time in a
 * large repository (blobSizes gives them for the few blobs read).
 */
export async function listTree(root: string, commit: string, paths: readonly string[]): Promise<TreeListing> {
  const { stdout } = await runGit(root, ['ls-tree', '-r', '-z', commit, '--', ...paths]);
  return parseTreeListing(stdout.toString());
}

/**
 * `git ls-tree -z` output (`<mode> <type> <object>\t<path>` and a NUL, each) as a listing: one pass
 * finds the paths, and an entry's other fields are read from its line when it is asked for.
 */
export function parseTreeListing(listing: string): TreeListing {
  const paths: string[] = [];
  const starts: number[] = [];
  for (let start = 0; start < listing.length;) {
    let end = listing.indexOf('\0', start);
    if (end === -1) end = listing.length;
    // The path is all after the first tab: a path may hold a tab, the fields before it never do.
    paths.push(listing.slice(listing.indexOf('\t', start) + 1, end));
    starts.push(start);
    start = end + 1;
  }
  return {
    paths,
    entry(index) {
      const start = starts[index]!;
      const [mode = '', type = '', object = ''] = listing.slice(start, listing.indexOf('\t', start)).split(' ');
      return { mode, type, object, path: paths[index]! };
    },
  };
}

/**
 * The sizes of blobs by object id, all in one `git cat-file --batch-check`, without reading them.
 * @param name how a message names an object (the file it is, say)
 */
export async function blobSizes(root: string, objects: readonly string[], name: (object: string) => string = (object) => object): Promise<Map<string, number>> {
  const sizes = new Map<string, number>();
  if (objects.length === 0) return sizes;
  const { stdout } = await runGit(root, ['cat-file', '--batch-check'], objects.map((object) => `${object}\n`).join(''));
  for (const line of stdout.toString().split('\n')) {
    const [object = '', type, size] = line.split(' ');
    if (type === 'blob' && size !== undefined) sizes.set(object, Number(size));
  }
  for (const object of objects) if (!sizes.has(object)) throw new GitError(`git cat-file found no blob ${name(object)}`);
  return sizes;
}

/** Reads blobs by object id, all in one `git cat-file --batch`, as bytes; `name` as for blobSizes. */
export async function readBlobs(root: string, objects: readonly string[], name: (object: string) => string = (object) => object): Promise<Map<string, Buffer>> {
  const texts = new Map<string, Buffer>();
  if (objects.length === 0) return texts;
  const { stdout } = await runGit(root, ['cat-file', '--batch'], objects.map((object) => `${object}\n`).join(''));
  let offset = 0;
  for (const object of objects) {
    const headerEnd = stdout.indexOf(0x0a, offset);
    const [, type, size] = stdout.subarray(offset, headerEnd).toString().split(' ');
    if (type !== 'blob' || size === undefined) throw new GitError(`git cat-file could not read ${name(object)}`);
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
