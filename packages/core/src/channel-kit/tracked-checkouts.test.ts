import { describe, expect, it } from 'vitest';
import { trackCheckouts } from './tracked-checkouts.js';

/** A checkout that ends only when its signal aborts, with the signal's reason. */
const untilAborted = (signal: AbortSignal) =>
  new Promise<never>((_, reject) => signal.addEventListener('abort', () => reject(signal.reason)));

describe('trackCheckouts', () => {
  it('returns what the checkout returns', async () => {
    const checkouts = trackCheckouts();
    await expect(checkouts.run(new AbortController().signal, () => ({ kind: 'launched' }))).resolves.toEqual({
      kind: 'launched',
    });
  });

  it('abortAll aborts every open checkout with its reason', async () => {
    const checkouts = trackCheckouts();
    const first = checkouts.run(new AbortController().signal, untilAborted);
    const second = checkouts.run(new AbortController().signal, untilAborted);
    checkouts.abortAll('disposed');
    await expect(first).rejects.toBe('disposed');
    await expect(second).rejects.toBe('disposed');
  });

  it('aborts a checkout when the purchase’s signal aborts, leaving the others open', async () => {
    const checkouts = trackCheckouts();
    const purchase = new AbortController();
    const ended = checkouts.run(purchase.signal, untilAborted);
    let otherSignal: AbortSignal | undefined;
    const other = checkouts.run(new AbortController().signal, (signal) => {
      otherSignal = signal;
      return untilAborted(signal);
    });
    purchase.abort('player left');
    await expect(ended).rejects.toBe('player left');
    expect(otherSignal?.aborted).toBe(false);
    checkouts.abortAll('disposed');
    await expect(other).rejects.toBe('disposed');
  });

  it('forgets a settled checkout: abortAll afterwards does not abort its signal', async () => {
    const checkouts = trackCheckouts();
    let kept: AbortSignal | undefined;
    await checkouts.run(new AbortController().signal, (signal) => {
      kept = signal;
    });
    checkouts.abortAll('disposed');
    expect(kept?.aborted).toBe(false);
  });
});
