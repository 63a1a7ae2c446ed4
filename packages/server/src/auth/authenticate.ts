import { readCredential, unauthenticated } from './credential.js';
import type { Identity } from './identity.js';
import type { ResolvedAuth } from './auth-options.js';
import { PlayerTokenRejected } from './player-tokens.js';

/**
 * Who sent `request`, verified. A bill token is checked against `billId` (the bill in the path), so a token reaches
 * its own bill only. No credential is `anonymous` (or `development` in that mode); a credential that does not
 * verify answers `401 UNAUTHENTICATED` — it is never ignored.
 */
export async function authenticate(request: Request, auth: ResolvedAuth, billId?: string): Promise<Identity> {
  const credential = readCredential(request);
  switch (credential.kind) {
    case 'none':
      return auth.development ? { kind: 'development' } : { kind: 'anonymous' };
    case 'server-key':
      if (auth.serverKeys && (await auth.serverKeys.matches(credential.secret))) return { kind: 'server' };
      throw unauthenticated('the server key is not one of this server’s keys');
    case 'bill-token':
      if (billId !== undefined && (await auth.billTokens.verify(credential.token, billId)))
        return { kind: 'bill', billId };
      throw unauthenticated(
        billId === undefined ? 'a bill token reaches its own bill only' : 'the bill token is not this bill’s',
      );
    case 'player-token':
      if (!auth.playerTokens) throw unauthenticated('this server takes no player tokens');
      try {
        return { kind: 'player', userId: await auth.playerTokens.verify(credential.jwt) };
      } catch (error) {
        if (error instanceof PlayerTokenRejected) throw unauthenticated(error.message);
        throw error;
      }
  }
}
