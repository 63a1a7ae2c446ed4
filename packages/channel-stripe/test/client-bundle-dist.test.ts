import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { browserBundle, DRIVER_ONLY, expectNoDriver, root } from './support/client-bundle.js';

// The published client entry (dist/, so after the build): bundled for a browser, it reaches no file of the driver
// nor the `stripe` library and carries nothing of the driver's secrets.
describe('the built client entry', () => {
  it('dist/index.js (and its chunks) bundles for the browser without the driver or the stripe library', async () => {
    expect(
      existsSync(`${root}/dist/index.js`),
      'dist/ is missing: run `npm run build -w packages/channel-stripe`',
    ).toBe(true);
    expectNoDriver(await browserBundle('dist/index.js'));
  });

  it('dist/index.cjs carries nothing of the driver either', () => {
    expect(existsSync(`${root}/dist/index.cjs`), 'dist/ is missing: run the build first').toBe(true);
    const code = readFileSync(`${root}/dist/index.cjs`, 'utf8');
    for (const word of DRIVER_ONLY) expect(code, `dist/index.cjs contains "${word}"`).not.toContain(word);
    expect(code).not.toMatch(/require\(["'](node:|crypto|stripe|\.\/server)/);
  });
});
