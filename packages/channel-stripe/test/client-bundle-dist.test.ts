import { describe, it } from 'vitest';
import { stripeClientBundle } from './support/client-bundle.js';

// The published client entry (dist/, so after the build): bundled for a browser, it reaches no file of the driver
// nor the `stripe` library and carries nothing of the driver's secrets.
describe('the built client entry', () => {
  it('dist/index.js (and its chunks) bundles for the browser without the driver or the stripe library', async () => {
    await stripeClientBundle.expectBuiltEsmClean();
  });

  it('dist/index.cjs carries nothing of the driver either', () => {
    stripeClientBundle.expectBuiltCjsClean();
  });
});
