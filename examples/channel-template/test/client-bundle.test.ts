import { fileURLToPath } from 'node:url';
import { createClientBundleCheck } from '@coinslot/testing/client-bundle';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

// The client entry goes into players' browsers: it must bundle for a browser (no `node:` module), reach no file of
// the driver, and carry nothing of the driver's secrets or its way of checking signatures.
const root = fileURLToPath(new URL('..', import.meta.url));
const { browserBundle, expectNoDriver, expectBuiltEsmClean, expectBuiltCjsClean } = createClientBundleCheck({
  root,
  driverOnly: ['webhookSecret', 'apiKey', 'example-signature', 'crypto.subtle', 'createHmac', '/v1/checkout/sessions'],
  driverDir: 'driver',
});

describe('the client entry in a browser bundle', () => {
  it('src/index.ts bundles for the browser without the driver', async () => {
    expectNoDriver(await browserBundle('src/index.ts'));
  });

  it('the published dist/index.js (and its chunks) bundles for the browser without the driver', async () => {
    await expectBuiltEsmClean();
  });

  it('the published dist/index.cjs carries nothing of the driver either', () => {
    expectBuiltCjsClean();
  });

  it('fails loudly if a node: module sneaks in (the check itself works)', async () => {
    await expect(browserBundle('src/driver/index.ts').then(expectNoDriver)).rejects.toThrow();
    await expect(
      build({
        stdin: { contents: "import 'node:crypto';", resolveDir: root },
        bundle: true,
        platform: 'browser',
        write: false,
        logLevel: 'silent',
      }),
    ).rejects.toThrow(/node:crypto/);
  });
});
