import { KIND_NAMES, perKind, type RecordData, type RecordKind } from '../records/kinds.js';
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

/** A record set with more records of the same repository (`more` holds none of `set`'s paths). */
export function withRecords(set: RecordSet, more: RecordLists): RecordSet {
  return { ...joinLists(set, more), config: set.config };
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
