import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { browserBundle, DRIVER_ONLY, expectNoDriver } from './client-bundle-check.js';

// The published client entry (dist/, after the build): the same checks as client-bundle.test.ts on what npm ships.
const root = fileURLToPath(new URL('..', import.meta.url));

describe('the built Steam client entry', () => {
  it('the built dist/index.js and dist/index.cjs carry nothing of the driver', async () => {
    expect(existsSync(`${root}/dist/index.js`), 'dist/ is missing: npm run build -w packages/channel-steam').toBe(true);
    expectNoDriver(await browserBundle('dist/index.js'));
    const cjs = readFileSync(`${root}/dist/index.cjs`, 'utf8');
    for (const word of DRIVER_ONLY) expect(cjs, `dist/index.cjs contains "${word}"`).not.toContain(word);
  });
});
