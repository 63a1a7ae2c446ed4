import { describe, expect, it } from 'vitest';
import { afterWokenWaits } from './after-woken-waits.js';

describe('afterWokenWaits', () => {
  it('resolves only after every promise chain already queued has run to its end', async () => {
    const order: string[] = [];
    // A woken wait's answer: many awaits deep (hold → plan → sign → respond), none of them I/O.
    const answer = (async () => {
      for (let i = 0; i < 100; i += 1) await Promise.resolve();
      order.push('wait answered');
    })();
    await afterWokenWaits();
    order.push('channel answered');
    await answer;
    expect(order).toEqual(['wait answered', 'channel answered']);
  });
});
