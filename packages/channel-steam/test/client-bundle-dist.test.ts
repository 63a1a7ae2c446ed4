import { describe, it } from 'vitest';
import { steamClientBundle } from './client-bundle-check.js';

// The published client entry (dist/, after the build): the same checks as client-bundle.test.ts on what npm ships.
describe('the built Steam client entry', () => {
  it('the built dist/index.js and dist/index.cjs carry nothing of the driver', async () => {
    await steamClientBundle.expectBuiltEsmClean();
    steamClientBundle.expectBuiltCjsClean();
  });
});
