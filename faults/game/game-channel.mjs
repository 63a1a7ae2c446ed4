// @ts-check
import { defineChannel } from '@coinslot/core';

/**
 * A server-result channel with id `sandbox` that launches and returns at once. It tells the harness — the
 * channel's server in these runs — which bill the player is paying, and waits until the harness has heard it,
 * like a hosted checkout page that is open in front of the player. The harness then notifies the pay server.
 * @param {(launch: { billId: string, userId: string, amount: number, currency: string }) => Promise<void>} onLaunch
 */
export function createHarnessChannel(onLaunch) {
  return defineChannel({
    specVersion: 1,
    id: 'sandbox',
    resultSource: 'server',
    capabilities: { platforms: ['node'], presentations: ['headless'], needsUserGesture: false },
    isAvailable: () => true,
    async pay(ctx) {
      const { id, userId, amount, currency } = ctx.bill;
      await onLaunch({ billId: id, userId, amount, currency });
      return { kind: 'launched' };
    },
  });
}
