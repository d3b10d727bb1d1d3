import type { TextFile } from '../../core/records/validate.js';
import { decodeText } from './decode-text.js';
import { blobSizes, listTree, readBlobs, type TreeEntry, type TreeListing } from './git.js';
import { fileFinding, type Finding } from '../../core/findings.js';
import { RECORD_FOLDERS } from '../../core/records/kinds.js';
import { CONFIG_FILE, folderFinding, MAX_FILE_BYTES, type RepositoryFiles } from './read-repository.js';

/**
 * Reads the config and record files of a commit, as readRepository reads a folder: `.md` files
 * directly inside the record folders; links, submodules and oversized files refused with a finding.
 * @param only when given, which record paths to read (the rest are skipped)
 */
export async function readGitTree(root: string, commit: string, only?: (path: string) => boolean): Promise<RepositoryFiles> {
  return readTreeEntries(root, await listRecordTree(root, commit), only);
}

/** The entries of a commit's tree that readGitTree looks at: the config and the record folders. */
export function listRecordTree(root: string, commit: string): Promise<TreeListing> {
  return listTree(root, commit, [CONFIG_FILE, ...RECORD_FOLDERS]);
}

/**
 * readGitTree on a listing already made (by listRecordTree, or of entries taken from a diff), to
 * read from one listing twice. Each blob is measured first (`git cat-file --batch-check`), so an
 * oversized one is still refused unread.
 */
export async function readTreeEntries(root: string, listing: TreeListing, only?: (path: string) => boolean): Promise<RepositoryFiles> {
  const [files] = await readListings(root, [{ listing, only }]);
  return files!;
}

/** A listing to read, and when given, which of its record paths (the rest are skipped). */
export interface ListingRead {
  listing: TreeListing;
  only?: ((path: string) => boolean) | undefined;
}

/**
 * readTreeEntries on several listings at once (of one commit or of several): one `git cat-file
 * --batch-check` measures the blobs of all, and one `git cat-file --batch` reads them, as starting
 * git costs more than the few files a pull request needs.
 */
export async function readListings(root: string, reads: readonly ListingRead[]): Promise<RepositoryFiles[]> {
  const plans = reads.map(({ listing, only }) => planRead(listing, only));
  const pathOf = new Map(plans.flatMap(({ steps }) => steps.flatMap((step) => ('entry' in step ? [[step.entry.object, step.entry.path] as const] : []))));
  const name = (object: string) => `${pathOf.get(object)} (${object})`;
  const sizes = await blobSizes(root, [...pathOf.keys()], name);
  const measured = plans.map(({ steps }) => {
    const findings: Finding[] = [];
    const wanted: { path: string; object: string }[] = [];
    for (const step of steps) {
      if ('finding' in step) {
        findings.push(step.finding);
        continue;
      }
      const { path, object } = step.entry;
      const size = sizes.get(object)!;
      if (size > MAX_FILE_BYTES)
        findings.push(fileFinding(path, 'file/unreadable', `${path} is ${size} bytes: a record file may be at most ${MAX_FILE_BYTES} bytes`));
      else wanted.push({ path, object });
    }
    return { findings, wanted };
  });
  const blobs = await readBlobs(root, [...new Set(measured.flatMap(({ wanted }) => wanted.map(({ object }) => object)))], name);
  return measured.map(({ findings, wanted }, index) => {
    const files: TextFile[] = [];
    for (const { path, object } of wanted) {
      const decoded = decodeText(path, blobs.get(object)!);
      if ('text' in decoded) files.push({ path, text: decoded.text });
      else findings.push(decoded.finding);
    }
    return {
      config: files.find(({ path }) => path === CONFIG_FILE),
      records: files.filter(({ path }) => path !== CONFIG_FILE),
      findings,
      names: plans[index]!.names,
    };
  });
}

/**
 * What reading a listing takes, entry by entry in the tree's order (so that findings keep it): a
 * finding for each folder, link and submodule, and the blobs to measure and read; and every name
 * looked at in the record folders.
 */
function planRead(
  listing: TreeListing,
  only: ((path: string) => boolean) | undefined,
): { steps: ({ finding: Finding } | { entry: TreeEntry })[]; names: string[] } {
  const steps: ({ finding: Finding } | { entry: TreeEntry })[] = [];
  const warnedFolders = new Set<string>();
  const names = new Set<string>();
  const { paths } = listing;
  for (let index = 0; index < paths.length; index++) {
    const path = paths[index]!;
    const isConfig = path === CONFIG_FILE;
    if (!isConfig && only && !only(path)) continue;
    const entry = listing.entry(index);
    const [folder, ...rest] = path.split('/');
    if (!isConfig) names.add(`${folder}/${rest[0]}`);
    if (!isConfig && rest.length > 1) {
      const subfolder = `${folder}/${rest[0]}`;
      if (!warnedFolders.has(subfolder)) steps.push({ finding: folderFinding(subfolder, folder!) });
      warnedFolders.add(subfolder);
    } else if (!isConfig && !path.endsWith('.md')) {
      continue;
    } else if (entry.mode === '120000') {
      steps.push({ finding: fileFinding(path, 'file/unreadable', `${path} is a symbolic link: records must be plain files in the repository`) });
    } else if (entry.type !== 'blob') {
      steps.push({ finding: fileFinding(path, 'file/unreadable', `${path} is a ${entry.type}, not a file`) });
    } else {
      steps.push({ entry });
    }
  }
  return { steps, names: [...names] };
}
