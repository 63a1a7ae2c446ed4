import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFaultProxy, type FaultProxy } from './support/fault-proxy.js';
import { coins100, startTestWorld, type TestWorld } from './support/test-world.js';

let world: TestWorld;
let proxy: FaultProxy;
beforeEach(async () => {
  world = await startTestWorld();
  proxy = await startFaultProxy(world.server.url);
});
afterEach(async () => {
  await proxy.close();
  await world.close();
});

const viaProxy = () => world.client({ server: proxy.url, trustedKeys: world.server.payServer.publicKeys() });

describe('faults between the SDK and the real pay server', () => {
  it('makes one bill when the answers to the first two creates are lost', async () => {
    const keys: string[] = [];
    proxy.rule = (req) => {
      if (req.method !== 'POST' || req.url !== '/v1/bills') return { action: 'pass' };
      keys.push(String(req.headers['idempotency-key']));
      return keys.length <= 2 ? { action: 'drop' } : { action: 'pass' };
    };
    const result = await viaProxy().purchase(coins100('f-idem'));
    expect(result.status).toBe('paid');
    expect(keys).toHaveLength(3);
    expect(new Set(keys).size).toBe(1);
    expect((await world.bills('f-idem', 'paid')).map((b) => b.id)).toEqual([result.bill.id]);
    expect(await world.bills('f-idem', 'created')).toEqual([]);
  });

  it('rejects a result whose signed state was swapped, and grants nothing', async () => {
    proxy.rule = (req, status, body) => {
      if (!req.url?.includes('/result') || status !== 200) return { action: 'pass' };
      const answer = JSON.parse(body) as { result: string };
      const [header, payload, signature] = answer.result.split('.');
      const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString('utf8'));
      const forged = Buffer.from(JSON.stringify({ ...claims, state: 'paid' })).toString('base64url');
      return { action: 'replace', body: JSON.stringify({ ...answer, result: `${header}.${forged}.${signature}` }) };
    };
    const coinslot = world.client({
      server: proxy.url,
      trustedKeys: world.server.payServer.publicKeys(),
      channelOptions: { sandbox: { presentation: 'headless', headlessDecision: 'decline' } },
    });
    await expect(coinslot.purchase(coins100('f-tamper'))).rejects.toMatchObject({ code: 'RESULT_REJECTED' });
    expect((await world.bills('f-tamper', 'failed')).length).toBe(1);
    expect(await world.bills('f-tamper', 'paid')).toEqual([]);
  });

  it('recovers from a held wait cut mid-way by the network', async () => {
    let cuts = 0;
    proxy.rule = (req) => (req.url?.includes('/result') && cuts++ < 2 ? { action: 'drop' } : { action: 'pass' });
    const result = await viaProxy().purchase(coins100('f-cut'));
    expect(cuts).toBeGreaterThanOrEqual(2);
    expect(result.status).toBe('paid');
  });
});
