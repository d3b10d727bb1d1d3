import { availableParallelism } from 'node:os';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import type { Finding } from '../core/findings.js';
import { locateByRereading } from '../core/records/parse-record.js';
import type { RecordSet } from '../core/records/record-set.js';
import type { Config } from '../core/records/types.js';
import { checkRecordFile, checkRecordSet, checkRecords, type CheckedFile } from '../core/records/validate.js';
import { readTextFile, textAgain, type ListedFile, type RepositoryStream } from './repository/read-repository.js';

/** From this many record files, a second thread reads and parses some of them; below, starting it costs more than it saves. */
export const THREADS_FROM = 2_000;

/** The files are shared out in chunks of this many, each taken by whichever thread is free first. */
const CHUNK = 200;

/** The worker's part, as it comes back: a chunk's files checked (their records without `locate`), and at the end the findings of files it could not read. */
type FromWorker = { chunk: number; checked: CheckedFile[] } | { unread: Finding[] };

interface Job {
  role: typeof ROLE;
  root: string;
  files: readonly ListedFile[];
  /** The next chunk to take, shared by both threads. */
  next: Int32Array;
}

const ROLE = 'incidents-as-code: check record files';

/**
 * The records of a repository, checked as checkRecords checks them. With many record files and a
 * second core, a worker thread reads and parses chunks of the files while this thread does others,
 * each taking the next chunk when it is free (docs/decisions.md, Performance): the records, the
 * findings and the records' order are the same. Should the worker fail, this thread checks every
 * chunk it did not check itself.
 */
export async function checkRepositoryRecords(
  config: Config,
  files: RepositoryStream,
  { threadsFrom = THREADS_FROM, cores = availableParallelism(), workerFirst = false } = {},
): Promise<{ records: RecordSet; findings: Finding[]; threads: 1 | 2 }> {
  const listed = files.listing.files;
  if (listed.length < threadsFrom || cores < 2) return { ...checkRecords(config, files.records), threads: 1 };
  const chunks = Math.ceil(listed.length / CHUNK);
  const next = new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT));
  const theirs = checkInWorker({ role: ROLE, root: files.listing.root, files: listed, next });
  const checkChunk = (chunk: number) => [...files.readRecords(chunk * CHUNK, (chunk + 1) * CHUNK)].map(checkRecordFile);
  const mine = new Map<number, CheckedFile[]>();
  // workerFirst (for tests): the worker takes every chunk, this thread only what a failed one left.
  let second = workerFirst ? await theirs.catch(() => undefined) : undefined;
  for (let chunk = Atomics.add(next, 0, 1); chunk < chunks; chunk = Atomics.add(next, 0, 1)) mine.set(chunk, checkChunk(chunk));
  if (!workerFirst) second = await theirs.catch(() => undefined);
  if (second) files.findings.push(...second.unread);
  const inOrder = Array.from({ length: chunks }, (_, chunk) => mine.get(chunk) ?? second?.byChunk.get(chunk) ?? checkChunk(chunk));
  return { ...checkRecordSet(config, inOrder.flat()), threads: second ? 2 : 1 };
}

function checkInWorker(job: Job): Promise<{ byChunk: Map<number, CheckedFile[]>; unread: Finding[] }> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL(import.meta.url), { workerData: job });
    const byChunk = new Map<number, CheckedFile[]>();
    worker.on('message', (message: FromWorker) => {
      if ('checked' in message)
        byChunk.set(
          message.chunk,
          message.checked.map((file) => withLocate(job.root, file)),
        );
      else resolve({ byChunk, unread: message.unread });
    });
    worker.on('error', reject);
    worker.on('exit', (code) => reject(new Error(`the worker checking record files stopped (exit ${code})`)));
  });
}

/** A record from the worker, given back what could not travel: where its keys are, from its file read again. */
function withLocate(root: string, file: CheckedFile): CheckedFile {
  if (!file.record) return file;
  return { ...file, record: { ...file.record, locate: locateByRereading(() => textAgain(root, file.path)) } };
}

/** The worker: takes chunks of files, reads and checks them, and sends each back without what cannot travel (functions, and the causes of findings). */
function runWorker(job: Job, port: NonNullable<typeof parentPort>): void {
  const unread: Finding[] = [];
  const chunks = Math.ceil(job.files.length / CHUNK);
  for (let chunk = Atomics.add(job.next, 0, 1); chunk < chunks; chunk = Atomics.add(job.next, 0, 1)) {
    const checked: CheckedFile[] = [];
    for (const { path, type } of job.files.slice(chunk * CHUNK, (chunk + 1) * CHUNK)) {
      const read = readTextFile(job.root, path, type);
      if ('finding' in read) {
        unread.push(withoutCause(read.finding));
        continue;
      }
      const { record, ...rest } = checkRecordFile({ path, text: read.text });
      // What a valid record is, but its locate (a function): withLocate gives it one on arrival.
      const travelling = record && ({ path: record.path, data: record.data, body: record.body, bodyLine: record.bodyLine } as Omit<typeof record, 'locate'>);
      checked.push({ ...rest, findings: rest.findings.map(withoutCause), ...(travelling ? { record: travelling as typeof record } : {}) });
    }
    port.postMessage({ chunk, checked } satisfies FromWorker);
  }
  port.postMessage({ unread } satisfies FromWorker);
}

function withoutCause({ cause: _cause, ...finding }: Finding): Finding {
  return finding;
}

if (!isMainThread && parentPort && (workerData as Job | undefined)?.role === ROLE) runWorker(workerData as Job, parentPort);
