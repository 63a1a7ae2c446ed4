import type { Identity } from '../auth/identity.js';

/**
 * Who an {@link Identity} is, as the activity log writes it: `player:<userId>`, `game-backend` (a server key),
 * `bill-token` (a bill's own token), `development` (development auth) or `anonymous`.
 */
export function actorOf(identity: Identity): string {
  switch (identity.kind) {
    case 'player':
      return `player:${identity.userId}`;
    case 'server':
      return 'game-backend';
    case 'bill':
      return 'bill-token';
    case 'development':
      return 'development';
    default:
      return 'anonymous';
  }
}

/** The actor of a channel's word about a bill: `channel:<name>`. */
export const channelActor = (channel: string): string => `channel:${channel}`;
