import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createManualChannel, type PendingLaunch } from './support/manual-channel.js';
import { coins100, startTestWorld, type TestWorld } from './support/test-world.js';

let world: TestWorld;
let launches: PendingLaunch[];
beforeEach(async () => {
  world = await startTestWorld({ holdSeconds: 1 });
  launches = [];
});
afterEach(() => world.close());

const manualClient = () =>
  world.client({ channels: { sandbox: async () => createManualChannel((l) => launches.push(l)) }, waitSeconds: 1 });

describe('held waits against the real pay server', () => {
  it('ends pending at the deadline (not failed), then resumes to paid once the player pays', async () => {
    const coinslot = manualClient();
    const pending = await coinslot.purchase({ ...coins100('w-deadline'), deadlineMs: 1_500 });
    expect(pending.status).toBe('pending');
    expect((await world.bill(pending.bill.id)).state).toBe('created');

    const resumed = coinslot.resume(pending.bill.id, { deadlineMs: 10_000 });
    await launches[0]!.decide('approve');
    expect((await resumed).status).toBe('paid');
  });

  it('answers the player paying while the wait is held', async () => {
    const coinslot = manualClient();
    const purchase = coinslot.purchase({ ...coins100('w-held'), deadlineMs: 10_000 });
    await waitFor(() => launches.length === 1);
    await launches[0]!.decide('approve');
    expect((await purchase).status).toBe('paid');
  });

  it('answers a wait that starts after the result arrived, at once', async () => {
    const coinslot = manualClient();
    const pending = await coinslot.purchase({ ...coins100('w-early'), deadlineMs: 1 });
    expect(pending.status).toBe('pending');
    await launches[0]!.decide('approve');
    expect((await world.bill(pending.bill.id)).state).toBe('paid');

    const later = world.client();
    const resumed = await later.resume(pending.bill.id, { deadlineMs: 5_000 });
    expect(resumed.status).toBe('paid');
  });

  it('answers two waits on one bill, from two clients', async () => {
    const first = manualClient();
    const pending = await first.purchase({ ...coins100('w-two'), deadlineMs: 1 });
    const second = world.client({ waitSeconds: 1 });
    const waits = [
      first.resume(pending.bill.id, { deadlineMs: 10_000 }),
      second.resume(pending.bill.id, { deadlineMs: 10_000 }),
    ];
    await new Promise((r) => setTimeout(r, 200));
    await launches[0]!.decide('approve');
    const results = await Promise.all(waits);
    expect(results.map((r) => r.status)).toEqual(['paid', 'paid']);
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > timeoutMs) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}
