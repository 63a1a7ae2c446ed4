import { createPayServer, MemoryBillStore, type PayServerLogger, serveNode } from '@coinslot/server';
import { startStripeEmulator } from '@coinslot/testing/emulators';
import { describe, expect, it } from 'vitest';
import { createStripeDriver } from '../src/server/index.js';

describe('a launch Stripe refuses', () => {
  it('fails the create with 500 INTERNAL, stores no bill, and logs Stripe’s reason without the key', async () => {
    const emulator = await startStripeEmulator();
    const wrongKey = 'sk_test_revokedRevokedRevoked42';
    const store = new MemoryBillStore();
    const logged: string[] = [];
    const log = (message: string, data?: object) => void logged.push(`${message} ${JSON.stringify(data ?? {})}`);
    const logger: PayServerLogger = { info: log, warn: log, error: log };
    const payServer = await createPayServer({
      auth: { development: true },
      store,
      logger,
      drivers: [
        createStripeDriver({ secretKey: wrongKey, webhookSecret: emulator.webhookSecret, apiUrl: emulator.url }),
      ],
      catalog: { 'gem-pack': { amount: 499, currency: 'USD' } },
    });
    const listener = await serveNode(payServer.handle);
    try {
      const response = await fetch(`${listener.url}/v1/bills`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': 'launch-failure-1' },
        body: JSON.stringify({
          userId: 'p1',
          itemId: 'gem-pack',
          quantity: 1,
          amount: 499,
          currency: 'USD',
          channel: 'stripe',
        }),
      });
      expect(response.status).toBe(500);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe('INTERNAL');
      expect(await store.listBills({ appId: 'default', userId: 'p1', state: 'created', limit: 10 })).toEqual([]);
      expect(logged.join('\n')).toContain('Invalid API Key provided');
      expect(logged.join('\n')).not.toContain(wrongKey.slice(-4));
    } finally {
      await payServer.close();
      await listener.close();
      await emulator.close();
    }
  });
});
