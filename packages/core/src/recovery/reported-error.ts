import { CoinslotError } from '../errors/coinslot-error.js';
import { isNetworkFailure } from '../internal/network-failure.js';

/**
 * How recovery reports one failure: a Coinslot error as it is; a failed `fetch` as a retryable `NETWORK_ERROR`
 * (the `TypeError` its `cause`); anything else — a bug, a storage's own error — as it was thrown, never relabelled
 * as something the player could fix by trying again.
 */
export function reportedError(error: unknown, what: string): unknown {
  if (CoinslotError.isInstance(error) || !isNetworkFailure(error)) return error;
  return new CoinslotError('NETWORK_ERROR', `${what}: the pay server could not be reached.`, { retryable: true, cause: error });
}
