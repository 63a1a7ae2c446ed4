import { describe, expect, it } from 'vitest';
import { alipayClientBundle } from './client-bundle-check.js';

const { browserBundle, expectNoDriver } = alipayClientBundle;

describe('the client entry in a browser bundle', () => {
  it('src/index.ts bundles for the browser without the driver', async () => {
    expectNoDriver(await browserBundle('src/index.ts'));
  });

  it('the check itself fails on the driver entry', async () => {
    await expect(browserBundle('src/server/index.ts').then(expectNoDriver)).rejects.toThrow();
  });
});
