import { SERVER_KEY_PREFIX } from '@coinslot/protocol';
import { randomToken } from '../signing/random-token.js';

/**
 * A fresh server key for the game backend (`coinslot-server keygen`): `csk_` and 256 random bits in base64url. Keep
 * it in the environment or a 0600 file the configuration names (`auth.serverKeys`); never on a command line.
 */
export function generateServerKey(): string {
  return SERVER_KEY_PREFIX + randomToken(32);
}
