import { describe, expect, it } from 'vitest';
import { CoinslotError } from '../errors/coinslot-error.js';
import { createMemoryStorage } from '../storage/memory-storage.js';
import { fakeChannel, gemPack, testCoinslot } from '../test-support/fake-channel.js';
import { recordOf } from '../test-support/journal-helpers.js';
import { useFakePayServer } from '../test-support/msw-server.js';

const { fake } = useFakePayServer();

/** Purchase with an adapter whose pay() throws `thrown`; answers the rejection and the bill's journal record. */
async function launchThrowing(thrown: unknown) {
  const storage = createMemoryStorage();
  const error = await testCoinslot(fake(), [fakeChannel(() => Promise.reject(thrown))], { storage })
    .purchase(gemPack)
    .catch((e: unknown) => e);
  const billId = [...fake().bills.keys()][0]!;
  return { error, record: await recordOf(storage, billId), billState: fake().bills.get(billId)?.state };
}

describe('a launch that throws', () => {
  it("keeps the adapter's own CHANNEL_LAUNCH_FAILED as it is, flags and message included", async () => {
    const blocked = new CoinslotError('CHANNEL_LAUNCH_FAILED', 'The browser blocked the checkout window.', {
      safeToShow: true,
      retryable: true,
    });
    const { error, billState } = await launchThrowing(blocked);
    expect(error).toBe(blocked);
    expect(billState).toBe('cancelled');
  });

  it.each([
    [{ retryable: true, safeToShow: true }, 'Please open the launcher first.'],
    [{ retryable: false, safeToShow: false }, 'Channel "fake" failed to launch: Please open the launcher first.'],
  ])('wraps another Coinslot error, copying %j', async (flags, message) => {
    const inner = new CoinslotError('INVALID_OPTIONS', 'Please open the launcher first.', flags);
    const { error } = await launchThrowing(inner);
    expect(error).toMatchObject({ code: 'CHANNEL_LAUNCH_FAILED', ...flags, message, cause: inner });
  });

  it.each([
    ['a bug', new Error('vendorSdk is undefined'), false],
    ['a refusal', new TypeError('Invalid order id'), false],
    ['a failed fetch', new TypeError('Failed to fetch'), true],
    ['a failed fetch in Node', new TypeError('fetch failed'), true],
  ])('wraps %s, retryable only for a network failure', async (_, thrown, retryable) => {
    const { error } = await launchThrowing(thrown);
    expect(error).toMatchObject({ code: 'CHANNEL_LAUNCH_FAILED', retryable, safeToShow: false, cause: thrown });
  });

  it("journals the bill as pending with reason 'error', not 'network', even when the failure is retryable", async () => {
    const blocked = new CoinslotError('CHANNEL_LAUNCH_FAILED', 'Popup blocked.', { safeToShow: true, retryable: true });
    const { record } = await launchThrowing(blocked);
    expect(record).toMatchObject({ state: 'pending', pendingReason: 'error' });
  });
});
