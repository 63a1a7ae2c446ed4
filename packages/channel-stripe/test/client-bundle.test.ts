import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

// The client entry goes into players' browsers: it must bundle for a browser (no `node:` module), reach no file of
// the driver nor the `stripe` library, and carry nothing of the driver's secrets or its way of checking signatures.
const root = fileURLToPath(new URL('..', import.meta.url));
const DRIVER_ONLY = [
  'secretKey',
  'webhookSecret',
  'whsec_',
  'stripe-signature',
  'constructEvent',
  'crypto.subtle',
  'createHmac',
  '/v1/checkout/sessions',
  'coinslot_bill_id',
];

async function browserBundle(entry: string): Promise<{ code: string; inputs: string[] }> {
  const result = await build({
    entryPoints: [entry],
    absWorkingDir: root,
    bundle: true,
    platform: 'browser',
    format: 'esm',
    write: false,
    metafile: true,
    logLevel: 'silent',
    // The game's copy of core is the game's business; everything of this package is bundled and looked at.
    external: ['@coinslot/core'],
  });
  return { code: result.outputFiles.map((file) => file.text).join('\n'), inputs: Object.keys(result.metafile.inputs) };
}

function expectNoDriver({ code, inputs }: { code: string; inputs: string[] }): void {
  const reached = inputs.filter((input) => /\/server\/|node_modules\/stripe\/|^node:/.test(input));
  expect(reached).toEqual([]);
  for (const word of DRIVER_ONLY) expect(code, `the client bundle contains "${word}"`).not.toContain(word);
}

describe('the client entry in a browser bundle', () => {
  it('src/index.ts bundles for the browser without the driver or the stripe library', async () => {
    expectNoDriver(await browserBundle('src/index.ts'));
  });

  it('the published dist/index.js (and its chunks) bundles for the browser without them', async () => {
    expect(
      existsSync(`${root}/dist/index.js`),
      'dist/ is missing: run `npm run build -w packages/channel-stripe`',
    ).toBe(true);
    expectNoDriver(await browserBundle('dist/index.js'));
  });

  it('the published dist/index.cjs carries nothing of the driver either', () => {
    expect(existsSync(`${root}/dist/index.cjs`), 'dist/ is missing: run the build first').toBe(true);
    const code = readFileSync(`${root}/dist/index.cjs`, 'utf8');
    for (const word of DRIVER_ONLY) expect(code, `dist/index.cjs contains "${word}"`).not.toContain(word);
    expect(code).not.toMatch(/require\(["'](node:|crypto|stripe|\.\/server)/);
  });

  it('the check itself works: the server entry is caught', async () => {
    await expect(browserBundle('src/server/index.ts').then(expectNoDriver)).rejects.toThrow();
  });
});
