import type { Due, Notice } from '../../core/sla/escalation.js';

export type { Due, Notice };

/** What a channel did with what was due about one incident. */
export interface Delivery {
  /** The keys of the notices delivered by this call; keys found already delivered are not in it. */
  delivered: string[];
  /** What was done, one line each, for the log (`INC-2026-0001: opened tracking issue #12`). */
  log: string[];
}

/**
 * Somewhere notices and announcements go: the GitHub tracking issue (github-issue.ts), later Slack,
 * Teams, a webhook, email, one file each beside it. Each notice is delivered at most once, by the
 * key the core gave it (unique within its incident, so a channel with one store for every incident
 * pairs it with the incident's id): a re-run skips the keys already delivered.
 */
export interface Channel {
  /** A short stable name, for config and messages: `github-issue`. */
  readonly name: string;
  /**
   * Delivers what is due about one incident and says what it did. Throws when it cannot: what it
   * delivered stays delivered, and the next run delivers the rest.
   */
  deliver(due: Due): Promise<Delivery>;
}
