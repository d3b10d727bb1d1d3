import type { AnnounceChannel } from '../records/schema-types.js';
import { toMillis } from '../time/timestamps.js';
import { KIND_OF, type PublicEvent } from './events.js';
import { MAX_REFUSALS, type AnnounceState } from './state.js';

/** What one run does on one channel. */
export interface ChannelPlan {
  channel: AnnounceChannel;
  /** Events to send, oldest first. */
  send: PublicEvent[];
  /** Events a channel's first run passes over: older than `since`, remembered without sending. */
  skip: PublicEvent[];
  /** Keys refused on MAX_REFUSALS runs: not sent again. */
  givenUp: string[];
}

/** The events a channel takes: those of the kinds its `events` lists, touching a service its `services` lists (either may be left out: all). */
export function eventsFor(channel: AnnounceChannel, events: readonly PublicEvent[]): PublicEvent[] {
  return events.filter(
    (event) =>
      (channel.events === undefined || channel.events.includes(KIND_OF[event.type])) &&
      (channel.services === undefined || event.services.some((service) => channel.services!.includes(service))),
  );
}

/**
 * What each channel gets this run: every event it takes that it has not had (nor refused too
 * often). A channel with nothing remembered is on its first run: of its events, only those at most
 * `sinceMs` before `now` are sent, the rest remembered as skipped, so adopting announcing on a
 * repository with a history (or adding a channel) does not send the history.
 */
export function planAnnouncements(
  channels: readonly AnnounceChannel[],
  events: readonly PublicEvent[],
  state: AnnounceState,
  now: number,
  sinceMs: number,
): ChannelPlan[] {
  return channels.map((channel) => {
    const remembered = state.channels[channel.id];
    const taken = eventsFor(channel, events);
    if (!remembered) {
      const recent = (event: PublicEvent) => toMillis(event.at) >= now - sinceMs;
      return { channel, send: taken.filter(recent), skip: taken.filter((event) => !recent(event)), givenUp: [] };
    }
    const done = (key: string) => key in remembered.delivered || key in remembered.skipped;
    const givenUp = (key: string) => (remembered.refused[key]?.runs ?? 0) >= MAX_REFUSALS;
    return {
      channel,
      send: taken.filter((event) => !done(event.key) && !givenUp(event.key)),
      skip: [],
      givenUp: taken.filter((event) => !done(event.key) && givenUp(event.key)).map((event) => event.key),
    };
  });
}
