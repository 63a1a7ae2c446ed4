import { describe, expect, it } from 'vitest';
import { steamClientBundle } from './client-bundle-check.js';

const { browserBundle, expectNoDriver } = steamClientBundle;

describe('the Steam client entry in a browser bundle', () => {
  it('src/index.ts bundles for the browser without the driver', async () => {
    expectNoDriver(await browserBundle('src/index.ts'));
  });

  it('the check itself catches the driver (it would fail on the server entry)', async () => {
    await expect(browserBundle('src/server/index.ts').then(expectNoDriver)).rejects.toThrow();
  });
});
