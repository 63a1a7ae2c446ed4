import { unauthenticated } from '../auth/credential.js';
import { ProtocolError } from '../http/protocol-error.js';
import { ADMIN_KEY_PREFIX, type AdminKeys } from './admin-keys.js';

/**
 * Answers who the request is — `admin-key:<n>`, the n-th of `admin.keys` (the activity log's actor) — and lets it
 * through only with `Authorization: Bearer cak_…` naming one of `keys`. No credential or an admin key
 * that is not one of them: `401 UNAUTHENTICATED`. Any other credential — a game's server key, a player token, a bill
 * token — `403 ADMIN_KEY_REQUIRED` without being checked: game credentials never reach the admin API, valid or not.
 */
export async function requireAdmin(request: Request, keys: AdminKeys): Promise<string> {
  const header = request.headers.get('authorization');
  if (header === null) throw unauthenticated('the admin API needs Authorization: Bearer cak_… (an admin key)');
  const match = /^Bearer +([\x21-\x7e]{1,4096})$/i.exec(header.trim());
  if (!match) throw unauthenticated('Authorization must be "Bearer <admin key>"');
  const secret = match[1]!;
  if (!secret.startsWith(ADMIN_KEY_PREFIX)) {
    throw new ProtocolError(
      'ADMIN_KEY_REQUIRED',
      'the admin API takes an admin key (cak_…), not a server key, player token or bill token',
      { headers: { 'www-authenticate': 'Bearer realm="coinslot-admin", error="insufficient_scope"' } },
    );
  }
  const position = await keys.positionOf(secret);
  if (position === 0) throw unauthenticated('the admin key is not one of this server’s admin keys');
  return `admin-key:${position}`;
}
