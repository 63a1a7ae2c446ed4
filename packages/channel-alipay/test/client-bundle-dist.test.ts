import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { browserBundle, DRIVER_ONLY, expectNoDriver, root } from './client-bundle-check.js';

// The published client entry, as built (npm test builds first; listed in vitest.config.ts's AFTER_BUILD).
describe('the built client entry', () => {
  it('the built dist/index.js bundles for the browser without the driver, and dist/index.cjs holds none of it', async () => {
    expect(existsSync(`${root}/dist/index.js`), 'dist/ is missing: npm run build -w packages/channel-alipay').toBe(
      true,
    );
    expectNoDriver(await browserBundle('dist/index.js'));
    const cjs = readFileSync(`${root}/dist/index.cjs`, 'utf8');
    for (const word of DRIVER_ONLY) expect(cjs, `dist/index.cjs contains "${word}"`).not.toContain(word);
  });
});
