import type { Bill } from '@coinslot/protocol';
import { describe, expect, it } from 'vitest';
import { CoinslotError } from '../errors/coinslot-error.js';
import { fakeChannel, gemPack, testCoinslot } from '../test-support/fake-channel.js';
import { useFakePayServer } from '../test-support/msw-server.js';
import { createOperations } from './operations.js';

const { fake } = useFakePayServer();

/** Process warnings emitted while `run` runs (and one turn after, as Node emits them on the next tick). */
async function warningsDuring(run: () => Promise<void>): Promise<Error[]> {
  const warnings: Error[] = [];
  const onWarning = (warning: Error): void => void warnings.push(warning);
  process.on('warning', onWarning);
  try {
    await run();
    await new Promise((resolve) => setImmediate(resolve));
  } finally {
    process.off('warning', onWarning);
  }
  return warnings;
}

describe('createOperations', () => {
  it('50 concurrent resume() on one instance: no MaxListenersExceededWarning, and dispose() aborts every one', async () => {
    const now = Date.now();
    const ids = Array.from({ length: 50 }, (_, i) => `b_many_${i}`);
    for (const id of ids) {
      const bill: Bill = {
        ...gemPack,
        id,
        quantity: 1,
        state: 'created',
        createdAt: now,
        updatedAt: now,
        expiresAt: now + 900_000,
      } as Bill;
      fake().bills.set(id, bill);
    }
    const coinslot = testCoinslot(fake(), [fakeChannel()], { waitSeconds: 25 });
    let settled: PromiseSettledResult<unknown>[] = [];
    const warnings = await warningsDuring(async () => {
      const resumes = ids.map((id) => coinslot.resume(id, { deadlineMs: 60_000 }));
      await expect.poll(() => fake().requestsTo('GET', /\/result$/).length, { timeout: 10_000 }).toBe(50);
      await coinslot.dispose();
      settled = await Promise.allSettled(resumes);
    });
    expect(warnings.filter((w) => w.name === 'MaxListenersExceededWarning')).toEqual([]);
    expect(settled).toHaveLength(50);
    for (const outcome of settled) {
      expect(outcome.status).toBe('rejected');
      expect((outcome as PromiseRejectedResult).reason).toMatchObject({ code: 'DISPOSED' });
    }
  });

  it('adds one listener to the dispose signal however many operations run, and released ones are not aborted', async () => {
    const dispose = new AbortController();
    const live = createOperations(dispose.signal);
    const warnings = await warningsDuring(async () => {
      const operations = Array.from({ length: 100 }, () => live.start(undefined));
      for (const operation of operations.slice(0, 40)) operation.release();
      dispose.abort(new CoinslotError('DISPOSED', 'gone'));
      for (const operation of operations.slice(0, 40)) expect(operation.signal.aborted).toBe(false);
      for (const operation of operations.slice(40)) expect(operation.signal.reason).toMatchObject({ code: 'DISPOSED' });
    });
    expect(warnings).toEqual([]);
  });

  it('an operation started after dispose is aborted at once; the caller signal still aborts with ABORTED', () => {
    const dispose = new AbortController();
    const live = createOperations(dispose.signal);
    const caller = new AbortController();
    const operation = live.start(caller.signal);
    caller.abort('stop');
    expect(operation.signal.reason).toMatchObject({ code: 'ABORTED', cause: 'stop' });
    dispose.abort(new CoinslotError('DISPOSED', 'gone'));
    expect(live.start(undefined).signal.reason).toMatchObject({ code: 'DISPOSED' });
  });
});
