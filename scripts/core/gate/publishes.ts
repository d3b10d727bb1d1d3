import { KIND_NAMES, perKind, recordKindOf, type RecordData, type RecordKind } from '../records/kinds.js';
import type { Incident, RecordStatus } from '../records/types.js';
import { parseRecordAs, type TextFile } from '../records/validate.js';
import { withoutPaths, type RecordLists, type RecordSet, type ValidRecord } from '../records/record-set.js';
import { comparePublished, type Publishes } from '../status/publishes.js';
import { buildStatusModel } from '../status/status-model.js';

/** The records a pull request's preview compares: the head's, and the base versions of what it changes. */
export interface PublishesInput {
  /** The head's valid records: every one, or the changed ones and those their checks need. */
  head: RecordSet;
  /** The base versions of the changed records, read with the base's config; undefined when the base has no valid config (nothing was published). */
  base: RecordSet | undefined;
  /** The head paths of the changed records: every other record in `head` is the same at the base. */
  changed: ReadonlySet<string>;
  /** The instant both pages are taken at, in milliseconds (check-pr's --at). */
  now: number;
}

/**
 * What merging a pull request would newly show the public: the public status model of the head
 * against the base's, at the same instant. The base is the head with the changed records put back
 * as they were, so the records the pull request does not touch count alike on both sides. When
 * `head` holds only some of the unchanged records, a service's state is judged among those only:
 * while `components` is empty that is exact (an unchanged record weighs the same on both sides),
 * otherwise the caller adds the rest of the records and asks again (the edge reads them then).
 */
export function publishesOf({ head, base, changed, now }: PublishesInput): Publishes {
  const unchanged = withoutPaths(head, changed);
  const baseSet: RecordSet = base ? { ...joinLists(unchanged, base), config: base.config } : { ...emptyLists(), config: { ...head.config, services: [] } };
  return comparePublished(buildStatusModel(baseSet, now, 'public'), buildStatusModel(head, now, 'public'));
}

/** A record set with more incidents of the same repository (none of them at `set`'s paths). */
export function withIncidents(set: RecordSet, more: readonly ValidRecord<Incident>[]): RecordSet {
  return { ...set, incidents: [...set.incidents, ...more] };
}

/** Record statuses that no page shows as open: a record in one weighs on no service's state. */
const NEVER_OPEN: readonly RecordStatus[] = ['resolved', 'closed', 'cancelled', 'completed'];

/**
 * Of the head's unchanged incident files, those that can weigh on the state of `services` on the
 * page: public, not finished, naming one of them. A file whose text holds neither a service's id
 * nor a backslash (a YAML escape could spell the id) cannot name it, so it is not parsed; the rest
 * are parsed and checked against their schema (a broken one is validate's to report).
 */
export function incidentsWeighingOn(files: readonly TextFile[], services: ReadonlySet<string>): ValidRecord<Incident>[] {
  const ids = [...services];
  const found: ValidRecord<Incident>[] = [];
  for (const file of files) {
    if (recordKindOf(file.path) !== 'incidents') continue;
    if (!file.text.includes('\\') && !(file.text.includes('public') && ids.some((id) => file.text.includes(id)))) continue;
    const { record } = parseRecordAs('incidents', file);
    const data = record?.data;
    if (data && data.visibility === 'public' && !NEVER_OPEN.includes(data.status) && data.services.some((service) => services.has(service.id)))
      found.push(record);
  }
  return found;
}

type MutableLists = { [K in RecordKind]: ValidRecord<RecordData[K]>[] };

function emptyLists(): MutableLists {
  return perKind((): never[] => []);
}

function joinLists(a: RecordLists, b: RecordLists): MutableLists {
  const lists = emptyLists();
  for (const kind of KIND_NAMES) joinKind(kind, a, b, lists);
  return lists;
}

function joinKind<K extends RecordKind>(kind: K, a: RecordLists, b: RecordLists, into: MutableLists): void {
  into[kind].push(...a[kind], ...b[kind]);
}
