import * as vitest from 'vitest';
import { describePayServerConformance } from '../src/pay-server-conformance/index.js';
import { ORIGIN, SANDBOX_SECRET, startReference, type ReferenceServer } from './pay-server-conformance-server.js';

const { afterAll, beforeAll } = vitest;
/** Short enough for bill-expiry to wait for, long enough for every other check to finish with its bills open. */
const BILL_TTL_MS = 8_000;

for (const store of ['memory', 'sqlite'] as const) {
  vitest.describe(`the reference server on the ${store} store`, () => {
    let server: ReferenceServer | undefined;
    beforeAll(async () => {
      server = await startReference({ store, server: { billTtlMs: BILL_TTL_MS, corsOrigins: [ORIGIN] } });
    });
    afterAll(() => server?.close());
    describePayServerConformance(
      {
        url: () => server!.url,
        sandboxSecret: SANDBOX_SECRET,
        origin: ORIGIN,
        algorithms: ['ES256'],
        billTtlMs: BILL_TTL_MS,
        // The memory store forgets everything on a restart by design: only the SQLite store is durable.
        ...(store === 'sqlite' ? { restart: () => server!.restart() } : {}),
      },
      vitest,
    );
  });
}
