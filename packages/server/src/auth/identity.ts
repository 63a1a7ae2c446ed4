/**
 * Who sent a request, as the server verified it — never read from a request body (docs/protocol.md §2,
 * "Authentication"):
 * - `player`: a player token the game's backend signed; `userId` is its `sub`, `appId` the game whose issuer and
 *   audience it carries; `country` the token's country claim when the game names one (`playerTokens.countryClaim`);
 * - `server`: one of a game backend's server keys; it may act for any player of its game (`appId`);
 * - `bill`: a bill's capability token, handed only to the bill's creator; it reaches that one bill (and so its app);
 * - `development`: the server runs with `auth: { development: true }` and trusts the body (never in production); it
 *   runs one game, the default app;
 * - `anonymous`: no credential (public endpoints only).
 */
export type Identity =
  | { readonly kind: 'player'; readonly appId: string; readonly userId: string; readonly country?: string }
  | { readonly kind: 'server'; readonly appId: string }
  | { readonly kind: 'bill'; readonly billId: string }
  | { readonly kind: 'development'; readonly appId: string }
  | { readonly kind: 'anonymous' };

/** Whether `identity` may act for any player (the game backend, or the development mode). */
export function actsForAnyPlayer(identity: Identity): boolean {
  return identity.kind === 'server' || identity.kind === 'development';
}
