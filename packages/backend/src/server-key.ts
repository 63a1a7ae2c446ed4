import { SERVER_KEY_PREFIX } from '@coinslot/protocol';
import { randomToken } from './random-token.js';

/** The prefix of every server key, as the pay server tells one from a player token (the protocol's). */
export { SERVER_KEY_PREFIX };

/**
 * A new server key: `csk_` and 43 base64url characters (256 random bits). Give it to the pay server
 * (`auth.serverKeys`) and to {@link createPayServerClient}; keep it in a secret store, never in a client.
 */
export function generateServerKey(): string {
  return SERVER_KEY_PREFIX + randomToken(32);
}

/** Whether `value` has the form the pay server accepts: `csk_` and at least 32 more characters. */
export function isServerKey(value: unknown): value is string {
  return (
    typeof value === 'string' && value.startsWith(SERVER_KEY_PREFIX) && value.length >= SERVER_KEY_PREFIX.length + 32
  );
}
