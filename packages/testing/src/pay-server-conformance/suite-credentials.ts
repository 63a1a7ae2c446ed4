import { FIELD_LIMITS } from '@coinslot/protocol';
import type { CredentialPolicy, OutgoingRequest } from './http-client.js';
import type { ResolvedAuth } from './pay-server-auth.js';

/** The bill tokens creates answered, by bill id: one book per run, so bills made before a restart keep theirs. */
export type BillTokenBook = Map<string, string>;

/** The credentials one check holds, and the one each of its requests sends by default (docs/protocol.md §2). */
export interface SuiteCredentials extends CredentialPolicy {
  readonly auth: ResolvedAuth;
  /** A valid player token of `userId` (player-tokens mode; throws in the others). Fetched once per player and check. */
  player(userId: string): Promise<string>;
  /** The bill token a create answered for `billId`, if the suite saw one. */
  billToken(billId: string): string | undefined;
}

const isUserId = (value: unknown): value is string =>
  typeof value === 'string' && value.length >= FIELD_LIMITS.userId.min && value.length <= FIELD_LIMITS.userId.max;

/**
 * Credentials for a check acting as `userId` by default. In player-token mode a create or a listing sends the token of
 * the player it names (the body's `userId`, the `user` parameter), else `userId`'s; a call about one bill sends that
 * bill's token, else `userId`'s player token, and a deliver the server key when the server delivers. In server-key
 * mode every bill endpoint gets the server key; in development mode nothing is sent.
 */
export function createSuiteCredentials(auth: ResolvedAuth, userId: string, book: BillTokenBook): SuiteCredentials {
  const tokens = new Map<string, Promise<string>>();
  const player = (user: string) => {
    if (!auth.playerToken) throw new Error(`a player token was asked for in ${auth.mode} mode`);
    let token = tokens.get(user);
    if (token === undefined) tokens.set(user, (token = auth.playerToken(user)));
    return token;
  };
  return {
    auth,
    player,
    billToken: (billId) => book.get(billId),
    async credentialFor({ url, method, json }: OutgoingRequest) {
      const path = url.pathname;
      if (auth.mode === 'development' || !path.startsWith('/v1/bills')) return undefined;
      if (auth.mode === 'server-key') return auth.serverKey;
      if (path === '/v1/bills') {
        const named =
          method === 'POST' ? (json as { userId?: unknown } | undefined)?.userId : url.searchParams.get('user');
        return player(isUserId(named) ? named : userId);
      }
      const [, , , billId, action] = path.split('/');
      if (action === 'deliver' && auth.deliveredBy === 'server') return auth.serverKey;
      return book.get(decodeURIComponent(billId ?? '')) ?? player(userId);
    },
    observe({ url, method }, answer) {
      const { bill, billToken } = answer.body ?? {};
      if (
        method === 'POST' &&
        url.pathname === '/v1/bills' &&
        typeof bill?.id === 'string' &&
        typeof billToken === 'string'
      ) {
        book.set(bill.id, billToken);
      }
    },
  };
}
