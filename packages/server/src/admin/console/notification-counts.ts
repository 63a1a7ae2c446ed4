/** What became of a channel notification, as the console counts it. */
export type NotificationOutcome =
  /** Applied to its bill (or a repeat of what the bill already shows). */
  | 'accepted'
  /** Verified, but nothing for the server to do (the driver said so). */
  | 'ignored'
  /** The driver could not verify it — a bad or missing signature, an unreadable body: possibly forged. */
  | 'refused'
  /** Verified, but naming no bill of this game, not matching its bill, or not a transition the bill can make. */
  | 'rejected';

/** One game's channel's counts. */
export interface ChannelNotificationCounts {
  app: string;
  channel: string;
  accepted: number;
  ignored: number;
  refused: number;
  rejected: number;
  /** When the last refused one came (ms since epoch), and the driver's reason. */
  lastRefusedAt?: number;
  lastRefusedReason?: string;
}

/**
 * Counts notifications per game and channel by outcome, in this instance's memory since it started: a Map update
 * per notification, nothing written, nothing on the held-wait path. The console's channel health shows them.
 */
export class NotificationCounts {
  readonly #byChannel = new Map<string, ChannelNotificationCounts>();

  /** Counts one notification of `channel` in game `app`. */
  record(app: string, channel: string, outcome: NotificationOutcome, now: number, reason?: string): void {
    const key = `${app}\n${channel}`;
    let counts = this.#byChannel.get(key);
    if (!counts) {
      // A flood of made-up channel names must not grow the map without bound.
      if (this.#byChannel.size >= 1000) return;
      counts = { app, channel, accepted: 0, ignored: 0, refused: 0, rejected: 0 };
      this.#byChannel.set(key, counts);
    }
    counts[outcome] += 1;
    if (outcome === 'refused') {
      counts.lastRefusedAt = now;
      counts.lastRefusedReason = reason?.slice(0, 200) ?? '';
    }
  }

  /** Every channel's counts, by game then channel. */
  list(): ChannelNotificationCounts[] {
    return [...this.#byChannel.values()]
      .map((counts) => ({ ...counts }))
      .sort((a, b) => (a.app + a.channel < b.app + b.channel ? -1 : 1));
  }
}
