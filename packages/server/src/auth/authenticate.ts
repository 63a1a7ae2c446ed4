import { DEFAULT_APP_ID } from '@coinslot/protocol';
import type { AppRegistry } from '../apps/app-registry.js';
import { readCredential, unauthenticated } from './credential.js';
import type { Identity } from './identity.js';
import { PlayerTokenRejected } from './player-tokens.js';

/**
 * Who sent `request`, verified, and for which game: the credential names the app (a server key the app that lists
 * it, a player token the app whose issuer and audience it carries). A bill token is checked against `billId` (the
 * bill in the path), so a token reaches its own bill only. No credential is `anonymous` (or `development` in that
 * mode); a credential that does not verify answers `401 UNAUTHENTICATED` — it is never ignored.
 */
export async function authenticate(request: Request, apps: AppRegistry, billId?: string): Promise<Identity> {
  const credential = readCredential(request);
  switch (credential.kind) {
    case 'none':
      return apps.default.auth.development ? { kind: 'development', appId: DEFAULT_APP_ID } : { kind: 'anonymous' };
    case 'server-key': {
      const app = await apps.appOfServerKey(credential.secret);
      if (app) return { kind: 'server', appId: app.id };
      throw unauthenticated('the server key is not one of this server’s keys');
    }
    case 'bill-token':
      if (billId !== undefined && (await apps.billTokens.verify(credential.token, billId)))
        return { kind: 'bill', billId };
      throw unauthenticated(
        billId === undefined ? 'a bill token reaches its own bill only' : 'the bill token is not this bill’s',
      );
    case 'player-token': {
      const app = apps.appOfPlayerToken(credential.jwt);
      if (!app) {
        throw unauthenticated(
          apps.several
            ? 'no game on this server takes player tokens of this issuer and audience'
            : 'this server takes no player tokens',
        );
      }
      try {
        return { kind: 'player', appId: app.id, ...(await app.auth.playerTokens!.verifyPlayer(credential.jwt)) };
      } catch (error) {
        if (error instanceof PlayerTokenRejected) throw unauthenticated(error.message);
        throw error;
      }
    }
  }
}
