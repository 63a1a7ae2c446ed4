import type { Bill } from '@coinslot/protocol';
import { ProtocolError } from '../http/protocol-error.js';
import { unauthenticated } from './credential.js';
import type { Identity } from './identity.js';
import type { AppRegistry } from '../apps/app-registry.js';

/** What a request does to one bill. */
export type BillAction = 'read' | 'wait' | 'report' | 'cancel' | 'deliver';

const forbidden = (message: string) => new ProtocolError('FORBIDDEN', message);

/**
 * Whose bill a create makes. A player creates for themself (a `userId` in the body must be theirs); the game backend
 * (server key) and the development mode name the player in the body. Anyone else: `401`.
 */
export function ownerOfNewBill(identity: Identity, bodyUserId: string | undefined): string {
  switch (identity.kind) {
    case 'player':
      if (bodyUserId !== undefined && bodyUserId !== identity.userId)
        throw forbidden('a player token creates bills for its own player only');
      return identity.userId;
    case 'server':
    case 'development':
      if (bodyUserId === undefined)
        throw new ProtocolError('MISSING_FIELD', 'userId is required with a server key', { field: 'userId' });
      return bodyUserId;
    default:
      throw unauthenticated('creating a bill needs a player token or a server key');
  }
}

/** Whose bills a listing may show: a player's own, or any player's for the game backend. */
export function ownerOfListing(identity: Identity, userParam: string | undefined): string {
  switch (identity.kind) {
    case 'player':
      if (userParam !== undefined && userParam !== identity.userId)
        throw forbidden('a player token lists its own bills only');
      return identity.userId;
    case 'server':
    case 'development':
      if (userParam === undefined)
        throw new ProtocolError('MISSING_FIELD', 'user is required with a server key', { field: 'user' });
      return userParam;
    default:
      throw unauthenticated('listing bills needs a player token or a server key');
  }
}

/**
 * Whether `identity` may do `action` to `bill`. Someone else's bill — another player's, or any bill of another game
 * (`bill.appId` is not the credential's app) — answers `404 BILL_NOT_FOUND`, exactly as a bill that does not exist,
 * so ids cannot be probed. Delivering is the game backend's alone when the bill's app has `deliveredBy: 'server'`.
 */
export function checkBillAccess(identity: Identity, bill: Bill, action: BillAction, apps: AppRegistry): void {
  if (identity.kind === 'anonymous')
    throw unauthenticated(`this needs the bill's token, its player's token or a server key`);
  const app = apps.get(bill.appId);
  // A bill token is bound to its bill, and so to the bill's app; every other credential names its app.
  const sameApp = identity.kind === 'bill' || identity.appId === bill.appId;
  const owns =
    identity.kind === 'server' ||
    identity.kind === 'development' ||
    (identity.kind === 'player' && identity.userId === bill.userId) ||
    (identity.kind === 'bill' && identity.billId === bill.id);
  if (!app || !sameApp || !owns) throw new ProtocolError('BILL_NOT_FOUND', `no bill ${bill.id}`);
  if (action === 'deliver' && app.auth.deliveredBy === 'server' && identity.kind !== 'server') {
    throw forbidden('on this server the game backend marks bills delivered (with a server key)');
  }
}
