import { vi } from 'vitest';
import { createCoinslot } from '../create-coinslot.js';
import type { Coinslot } from '../coinslot.js';
import type { CoinslotOptions } from '../coinslot-options.js';
import type { PayContext, PayOutcome, PaymentInterface } from '../contract/payment-interface.js';
import type { FakePayServer } from './fake-pay-server.js';
import { SERVER } from './fake-pay-server.js';

/** A test adapter with id `fake` whose `pay` is a spy running `onPay` (default: `launched`). */
export function fakeChannel(
  onPay: (ctx: PayContext) => Promise<PayOutcome> = async () => ({ kind: 'launched' }),
  overrides: Partial<PaymentInterface> = {},
): PaymentInterface & { pay: ReturnType<typeof vi.fn<(ctx: PayContext) => Promise<PayOutcome>>> } {
  return {
    specVersion: 1,
    id: 'fake',
    resultSource: 'server',
    capabilities: {
      platforms: ['node', 'web', 'electron-main', 'electron-renderer'],
      presentations: ['headless'],
      needsUserGesture: false,
    },
    isAvailable: () => true,
    dispose: vi.fn(),
    ...overrides,
    pay: vi.fn(onPay),
  };
}

/** A Coinslot on the fake pay server with the given adapters (keyed by their ids), trusting its signing key. */
export function testCoinslot(
  fake: FakePayServer,
  adapters: PaymentInterface[],
  options: Partial<CoinslotOptions> = {},
): Coinslot {
  const channels = Object.fromEntries(adapters.map((adapter) => [adapter.id, async () => ({ default: adapter })]));
  return createCoinslot({
    server: SERVER,
    channels,
    trustedKeys: [fake.signer.publicKey],
    platform: 'node',
    retryLimit: 2,
    ...options,
  });
}

/** A purchase request for the fake channel. */
export const gemPack = {
  channel: 'fake',
  userId: 'player-42',
  itemId: 'gem-pack-small',
  amount: 499,
  currency: 'USD',
} as const;
