import { availableParallelism } from 'node:os';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import type { Finding } from '../core/findings.js';
import { locateByRereading } from '../core/records/parse-record.js';
import type { RecordSet } from '../core/records/record-set.js';
import type { Config } from '../core/records/types.js';
import { checkRecordFile, checkRecordSet, checkRecords, type CheckedFile } from '../core/records/validate.js';
import { readTextFile, textAgain, type ListedFile, type RepositoryStream } from './repository/read-repository.js';

/** From this many record files, a second thread reads and parses half of them; below, starting it costs more than it saves. */
export const THREADS_FROM = 2_000;

/** The worker's part, as it comes back: its files checked (their records without `locate`), and the findings of files it could not read. */
type FromWorker = { checked: CheckedFile[] } | { unread: Finding[] };

interface Job {
  role: typeof ROLE;
  root: string;
  files: readonly ListedFile[];
}

const ROLE = 'incidents-as-code: check record files';
/** The worker sends its results in batches of this many files, so that neither thread holds them all as messages. */
const BATCH = 500;

/**
 * The records of a repository, checked as checkRecords checks them. With many record files and a
 * second core, a worker thread reads and parses the second half of the files while this thread
 * does the first (docs/decisions.md, Performance): the records, findings and their order are the
 * same. Should the worker fail, this thread checks its half too.
 */
export async function checkRepositoryRecords(
  config: Config,
  files: RepositoryStream,
  { threadsFrom = THREADS_FROM, cores = availableParallelism() } = {},
): Promise<{ records: RecordSet; findings: Finding[]; threads: 1 | 2 }> {
  const listed = files.listing.files;
  if (listed.length < threadsFrom || cores < 2) return { ...checkRecords(config, files.records), threads: 1 };
  const middle = Math.ceil(listed.length / 2);
  const theirs = checkInWorker(files.listing.root, listed.slice(middle));
  const mine: CheckedFile[] = [];
  for (const file of files.readRecords(0, middle)) mine.push(checkRecordFile(file));
  const second = await theirs.catch(() => undefined);
  if (!second) return { ...checkRecordSet(config, [...mine, ...[...files.readRecords(middle, listed.length)].map(checkRecordFile)]), threads: 1 };
  files.findings.push(...second.unread);
  return { ...checkRecordSet(config, [...mine, ...second.checked]), threads: 2 };
}

function checkInWorker(root: string, files: readonly ListedFile[]): Promise<{ checked: CheckedFile[]; unread: Finding[] }> {
  return new Promise((resolve, reject) => {
    const job: Job = { role: ROLE, root, files };
    const worker = new Worker(new URL(import.meta.url), { workerData: job });
    const checked: CheckedFile[] = [];
    worker.on('message', (message: FromWorker) => {
      if ('checked' in message) for (const file of message.checked) checked.push(withLocate(root, file));
      else resolve({ checked, unread: message.unread });
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

/** The worker: reads and checks its files, and sends them back in batches, without what cannot travel (functions, and the causes of findings). */
function runWorker(job: Job, port: NonNullable<typeof parentPort>): void {
  const unread: Finding[] = [];
  let batch: CheckedFile[] = [];
  for (const { path, type } of job.files) {
    const read = readTextFile(job.root, path, type);
    if ('finding' in read) {
      unread.push(withoutCause(read.finding));
      continue;
    }
    const { record, ...checked } = checkRecordFile({ path, text: read.text });
    // What a valid record is, but its locate (a function): withLocate gives it one on arrival.
    const travelling = record && ({ path: record.path, data: record.data, body: record.body, bodyLine: record.bodyLine } as Omit<typeof record, 'locate'>);
    batch.push({ ...checked, findings: checked.findings.map(withoutCause), ...(travelling ? { record: travelling as typeof record } : {}) });
    if (batch.length === BATCH) {
      port.postMessage({ checked: batch } satisfies FromWorker);
      batch = [];
    }
  }
  port.postMessage({ checked: batch } satisfies FromWorker);
  port.postMessage({ unread } satisfies FromWorker);
}

function withoutCause({ cause: _cause, ...finding }: Finding): Finding {
  return finding;
}

if (!isMainThread && parentPort && (workerData as Job | undefined)?.role === ROLE) runWorker(workerData as Job, parentPort);
