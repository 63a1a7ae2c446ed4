import { defineChannel, type PaymentInterface } from '@coinslot/core';

/** A launch the test decides later, by posting to the sandbox's decide URL itself. */
export interface PendingLaunch {
  billId: string;
  decide(decision: 'approve' | 'decline' | 'cancel'): Promise<void>;
}

/**
 * A server-result channel with id `sandbox` that launches and returns at once, leaving the decision to the
 * test: the way a real hosted checkout leaves it to a player who may take minutes.
 */
export function createManualChannel(onLaunch: (launch: PendingLaunch) => void): PaymentInterface {
  return defineChannel({
    specVersion: 1,
    id: 'sandbox',
    resultSource: 'server',
    capabilities: { platforms: ['node'], presentations: ['headless'], needsUserGesture: false },
    isAvailable: () => true,
    async pay(ctx) {
      const decideUrl = String(ctx.launch.decideUrl);
      onLaunch({
        billId: ctx.bill.id,
        decide: async (decision) => {
          const response = await fetch(decideUrl, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify({ decision, mode: 'server' }),
          });
          if (!response.ok) throw new Error(`decide answered ${response.status}: ${await response.text()}`);
        },
      });
      return { kind: 'launched' };
    },
  });
}
