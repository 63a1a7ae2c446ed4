import { BILL_TOKEN_PREFIX, SERVER_KEY_PREFIX } from '@coinslot/protocol';
import { ProtocolError } from '../http/protocol-error.js';

/** The credential of a request, told apart by its form: a server key, a bill token, or else a player token (a JWT). */
export type Credential =
  | { kind: 'server-key'; secret: string }
  | { kind: 'bill-token'; token: string }
  | { kind: 'player-token'; jwt: string }
  | { kind: 'none' };

/** Reads `Authorization: Bearer <credential>`; absent → `none`; any other scheme → `401 UNAUTHENTICATED`. */
export function readCredential(request: Request): Credential {
  const header = request.headers.get('authorization');
  if (header === null) return { kind: 'none' };
  const match = /^Bearer +([\x21-\x7e]{1,4096})$/i.exec(header.trim());
  if (!match) throw unauthenticated('Authorization must be "Bearer <player token, bill token or server key>"');
  const value = match[1]!;
  if (value.startsWith(SERVER_KEY_PREFIX)) return { kind: 'server-key', secret: value };
  if (value.startsWith(BILL_TOKEN_PREFIX)) return { kind: 'bill-token', token: value };
  return { kind: 'player-token', jwt: value };
}

/** `401 UNAUTHENTICATED` with `WWW-Authenticate: Bearer` (RFC 6750 §3). */
export function unauthenticated(message: string): ProtocolError {
  return new ProtocolError('UNAUTHENTICATED', message, { headers: { 'www-authenticate': 'Bearer realm="coinslot"' } });
}
