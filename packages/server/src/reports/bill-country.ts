import { ProtocolError } from '../http/protocol-error.js';
import type { Identity } from '../auth/identity.js';

/**
 * The country a new bill records (protocol §1, "Country"), from a trusted source only: the game backend's create
 * with its server key (the body's `country`), or the player token's country claim. A `country` in a player's own
 * request body answers `403 FORBIDDEN`: the player could write anything there. Development auth trusts the body,
 * as it does for `userId`.
 */
export function countryOfNewBill(identity: Identity, sent: string | undefined): string | undefined {
  if (identity.kind === 'server' || identity.kind === 'development') return sent;
  if (sent !== undefined) {
    throw new ProtocolError(
      'FORBIDDEN',
      'country is taken from the player token (or sent by the game backend with its server key), never from a player',
      { field: 'country' },
    );
  }
  return identity.kind === 'player' ? identity.country : undefined;
}
