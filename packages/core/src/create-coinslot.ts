import type { Coinslot } from './coinslot.js';
import type { CoinslotOptions } from './coinslot-options.js';
import { CoinslotError } from './errors/coinslot-error.js';

/** Create a Coinslot instance. Stub; implementation follows. */
export function createCoinslot(options: CoinslotOptions): Coinslot {
  void options;
  throw new CoinslotError('NOT_READY', 'not implemented yet');
}
