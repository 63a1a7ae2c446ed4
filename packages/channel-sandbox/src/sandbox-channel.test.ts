import { createCoinslot, type Bill, type Coinslot, type CoinslotOptions } from '@coinslot/core';
import { createPayServer, serveNode, type PayServer } from '@coinslot/server';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { SandboxDecision, SandboxMode, SandboxOptions } from './index.js';

// The real pay server on loopback and the real core: the adapter is exercised exactly as a game uses it.
let payServer: PayServer;
let node: Awaited<ReturnType<typeof serveNode>>;
const coinslots: Coinslot[] = [];

beforeAll(async () => {
  payServer = await createPayServer({
    auth: { development: true },
    catalog: { 'gem-pack': { amount: 499, currency: 'USD' } },
  });
  node = await serveNode(payServer.handle, { port: 0, host: '127.0.0.1' });
});
afterEach(async () => {
  await Promise.all(coinslots.splice(0).map((coinslot) => coinslot.dispose()));
});
afterAll(async () => {
  await node?.close();
  await payServer?.close();
});

/** A Coinslot with the sandbox in `mode`, loaded the way the README tells games to load it. */
function coinslotWith(mode: SandboxMode, options: SandboxOptions): Coinslot {
  const channels: CoinslotOptions['channels'] = {
    sandbox:
      mode === 'server'
        ? () => import('./index.js')
        : () => import('./index.js').then((m) => m.createSandboxChannel({ mode: 'client' })),
  };
  const coinslot = createCoinslot({ server: node.url, channels, channelOptions: { sandbox: options } });
  coinslots.push(coinslot);
  return coinslot;
}

async function billOnServer(id: string): Promise<Bill> {
  const response = await fetch(new URL(`/v1/bills/${id}`, node.url));
  expect(response.status).toBe(200);
  return ((await response.json()) as { bill: Bill }).bill;
}

let player = 0;
const buy = (coinslot: Coinslot) =>
  coinslot.purchase({
    channel: 'sandbox',
    userId: `player-${++player}`,
    itemId: 'gem-pack',
    amount: 499,
    currency: 'USD',
  });

const cases: Array<[SandboxDecision, string, Partial<Bill>]> = [
  ['approve', 'paid', { state: 'paid' }],
  ['decline', 'declined', { state: 'failed', failureReason: 'declined' }],
  ['cancel', 'cancelled', { state: 'cancelled' }],
];

describe.each<SandboxMode>(['server', 'client'])('sandbox channel, headless, %s mode', (mode) => {
  it.each(cases)('%s ends the purchase %s and the bill on the server agrees', async (decision, status, onServer) => {
    const coinslot = coinslotWith(mode, { presentation: 'headless', headlessDecision: decision });
    const { ready } = await coinslot.ready();
    expect(ready.get('sandbox')?.resultSource).toBe(mode);

    const result = await buy(coinslot);
    expect(result.status).toBe(status);
    expect(await billOnServer(result.bill.id)).toMatchObject({ ...onServer, channel: 'sandbox', amount: 499 });

    if (status === 'paid') {
      const delivered = await coinslot.deliver(result.bill.id);
      expect(delivered.alreadyDelivered).toBe(false);
      expect(await billOnServer(result.bill.id)).toMatchObject({ state: 'delivered' });
    }
  });
});

describe('sandbox channel options', () => {
  it('is skipped as unsupported, saying how to fix it, when channelOptions ask for another mode', async () => {
    const coinslot = coinslotWith('server', { mode: 'client', presentation: 'headless' });
    const { ready, skipped } = await coinslot.ready();
    expect(ready.has('sandbox')).toBe(false);
    expect(skipped).toEqual([expect.objectContaining({ channel: 'sandbox', reason: 'unsupported' })]);
    expect(String((skipped[0]?.error as Error | undefined)?.message)).toContain(
      "createSandboxChannel({ mode: 'client' })",
    );
  });

  it('is skipped as unsupported when asked for a popup where there is no window', async () => {
    const { skipped } = await coinslotWith('server', { presentation: 'popup' }).ready();
    expect(skipped).toEqual([expect.objectContaining({ channel: 'sandbox', reason: 'unsupported' })]);
  });

  it('refuses a redirect in client mode, where nobody would be left to report the proof', async () => {
    const { skipped } = await coinslotWith('client', { presentation: 'redirect' }).ready();
    expect(skipped).toEqual([expect.objectContaining({ channel: 'sandbox', reason: 'unsupported' })]);
    expect(skipped[0]?.message).toContain('popup, headless in client mode');
  });

  it('serves two instances with different options from one adapter object, each payment with its own', async () => {
    const declining = coinslotWith('server', { presentation: 'headless', headlessDecision: 'decline' });
    const approving = coinslotWith('server', { presentation: 'headless', headlessDecision: 'approve' });
    const [first, second] = await Promise.all([declining.ready(), approving.ready()]);
    expect(first.ready.get('sandbox')).toBe(second.ready.get('sandbox'));
    expect((await buy(declining)).status).toBe('declined');
    expect((await buy(approving)).status).toBe('paid');
  });

  it('decides headless with approve by default in Node', async () => {
    const coinslot = coinslotWith('server', {});
    await coinslot.ready();
    expect((await buy(coinslot)).status).toBe('paid');
  });
});
