import { createSandboxChannel } from '@coinslot/channel-sandbox';
import type { Coinslot } from '../coinslot.js';
import type { CoinslotOptions } from '../coinslot-options.js';
import { createCoinslot } from '../create-coinslot.js';
import { createMemoryStorage } from '../storage/memory-storage.js';

/**
 * A game on a real pay server at `server`: the sandbox channel deciding `approve` headless, a memory journal, no
 * retries and no recovery on ready unless `options` say otherwise. Each game is added to `games` for disposal.
 */
export function sandboxGame(server: string, games: Coinslot[], options: Partial<CoinslotOptions> = {}): Coinslot {
  const coinslot = createCoinslot({
    server,
    channels: { sandbox: async () => createSandboxChannel() },
    channelOptions: { sandbox: { presentation: 'headless', headlessDecision: 'approve' } },
    platform: 'node',
    recoverOnReady: false,
    retryLimit: 0,
    storage: createMemoryStorage(),
    ...options,
  });
  games.push(coinslot);
  return coinslot;
}
