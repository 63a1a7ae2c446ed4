import type { Bill } from '@coinslot/protocol';
import { HttpResponse } from 'msw';

/** The fake pay server's bill token of a bill (a real server's is an HMAC; any unguessable string does here). */
export const fakeBillToken = (billId: string): string => `cbt_fake_${billId}`;

const refuse = (status: number, code: string, message: string) =>
  HttpResponse.json(
    { error: { code, message, retryable: false } },
    { status, headers: status === 401 ? { 'www-authenticate': 'Bearer realm="coinslot"' } : {} },
  );

/** Who sent a request, by its `Authorization: Bearer …`: a bill token, a player, or a refusal to answer with. */
export type FakeIdentity =
  | { kind: 'bill'; billId: string }
  | { kind: 'player'; userId: string }
  | { kind: 'refused'; answer: Response };

/** Reads the credential as the reference server does (docs/protocol.md §2), against the players it accepts. */
export function fakeIdentity(request: Request, players: ReadonlyMap<string, string>): FakeIdentity {
  const credential = /^Bearer (\S+)$/.exec(request.headers.get('authorization') ?? '')?.[1];
  if (credential === undefined) return { kind: 'refused', answer: refuse(401, 'UNAUTHENTICATED', 'no credential') };
  if (credential.startsWith('cbt_fake_')) return { kind: 'bill', billId: credential.slice('cbt_fake_'.length) };
  const userId = players.get(credential);
  return userId === undefined
    ? { kind: 'refused', answer: refuse(401, 'UNAUTHENTICATED', 'the player token has expired') }
    : { kind: 'player', userId };
}

/** The answer refusing `identity` access to `bill`, or `undefined` when it may: someone else's bill is a `404`. */
export function refusedAccess(identity: FakeIdentity, bill: Bill): Response | undefined {
  if (identity.kind === 'refused') return identity.answer;
  if (identity.kind === 'bill' && identity.billId !== bill.id)
    return refuse(401, 'UNAUTHENTICATED', 'the bill token is not this bill’s');
  if (identity.kind === 'player' && identity.userId !== bill.userId)
    return refuse(404, 'BILL_NOT_FOUND', `no bill ${bill.id}`);
  return undefined;
}

/** The player a create or a listing is for, or the refusal: a player token, and `claimed` (if any) must be its player. */
export function ownerOf(identity: FakeIdentity, claimed: string | null | undefined): string | Response {
  if (identity.kind === 'refused') return identity.answer;
  if (identity.kind === 'bill') return refuse(401, 'UNAUTHENTICATED', 'a bill token reaches its own bill only');
  if (claimed != null && claimed !== identity.userId)
    return refuse(403, 'FORBIDDEN', 'a player token acts for its own player only');
  return identity.userId;
}
