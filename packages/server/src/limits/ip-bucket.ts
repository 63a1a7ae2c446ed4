import type { Identity } from '../auth/identity.js';
import { clientAddress } from './client-address.js';
import { ipKey } from './ip-key.js';
import type { ResolvedLimits } from './limit-options.js';

/**
 * The per-IP bucket key of a request, or `undefined` when no per-IP limit applies to it: the game backend's server
 * key (it speaks for every player), a host that gave no address, or an address in `unlimitedAddresses` — by default
 * loopback, where a proxy on the same machine connects from: without `trustProxy` all its players would share one
 * bucket, and the game would stop for everyone at once.
 */
export function ipBucket(request: Request, identity: Identity, limits: ResolvedLimits): string | undefined {
  if (identity.kind === 'server') return undefined;
  const address = clientAddress(request, limits.trustProxy);
  if (address === undefined) return undefined;
  const plain = address.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, '');
  return limits.unlimitedAddresses.has(plain) ? undefined : ipKey(plain);
}
