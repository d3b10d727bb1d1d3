import type { Due, Notice } from '../../core/sla/escalation.js';

export type { Due, Notice };

/** What a channel did with what it was given. */
export interface Delivery {
  /** The keys delivered by this call; keys found already delivered are not in it. */
  delivered: string[];
  /** What was done, one line each, for the log (`INC-2026-0001: opened tracking issue #12`). */
  log: string[];
}

/**
 * Somewhere notices and announcements go, one file each: the GitHub tracking issue for the SLA
 * check's notices (github-issue.ts, a Channel<Due>), and Slack, Teams, a webhook and email for the
 * public events announce sends (a Channel<PublicEvent> each, announce-channels.ts lists them).
 * Idempotency keys come from the core; each key is delivered at most once: the github-issue
 * channel finds what it delivered on GitHub, the announce channels' callers remember it
 * (io/notify/announce-store.ts).
 */
export interface Channel<Item = Due> {
  /** A short stable name, for config and messages: `github-issue`, or the config's channel id. */
  readonly name: string;
  /**
   * Delivers one item and says what it did. Throws when it cannot (announce channels throw a
   * DeliveryError that says whether to try again): what it delivered stays delivered, and the next
   * run delivers the rest.
   */
  deliver(item: Item): Promise<Delivery>;
}
