import { describe, it } from 'vitest';
import { alipayClientBundle } from './client-bundle-check.js';

// The published client entry, as built (npm test builds first; listed in vitest.config.ts's AFTER_BUILD).
describe('the built client entry', () => {
  it('the built dist/index.js bundles for the browser without the driver, and dist/index.cjs holds none of it', async () => {
    await alipayClientBundle.expectBuiltEsmClean();
    alipayClientBundle.expectBuiltCjsClean();
  });
});
