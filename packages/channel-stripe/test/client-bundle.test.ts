import { describe, expect, it } from 'vitest';
import { stripeClientBundle } from './support/client-bundle.js';

const { browserBundle, expectNoDriver } = stripeClientBundle;

// The client entry goes into players' browsers: it must bundle for a browser (no `node:` module), reach no file of
// the driver nor the `stripe` library, and carry nothing of the driver's secrets or its way of checking signatures.
// The built entry (dist/) is checked after the build: client-bundle-dist.test.ts.
describe('the client entry in a browser bundle', () => {
  it('src/index.ts bundles for the browser without the driver or the stripe library', async () => {
    expectNoDriver(await browserBundle('src/index.ts'));
  });

  it('the check itself works: the server entry is caught', async () => {
    await expect(browserBundle('src/server/index.ts').then(expectNoDriver)).rejects.toThrow();
  });
});
