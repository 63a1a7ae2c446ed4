import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

// The client entry goes into players' browsers: it must bundle for a browser (no `node:` module), reach no file of
// the driver, and carry none of the driver's key names or signing code.
const root = fileURLToPath(new URL('..', import.meta.url));
const DRIVER_ONLY = [
  'merchantPrivateKey',
  'apiV3Key',
  'apiV2Key',
  'wechatpayPublicKeys',
  'WECHATPAY2-SHA256-RSA2048',
  'createSign',
  'createHmac',
  'aes-256-gcm',
  '/v3/pay/transactions',
  'refundquery',
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
    // The game's copy of core is the game's business; @coinslot/qr is checked in its own package.
    external: ['@coinslot/core', '@coinslot/qr'],
  });
  return { code: result.outputFiles.map((file) => file.text).join('\n'), inputs: Object.keys(result.metafile.inputs) };
}

function expectNoDriver({ code, inputs }: { code: string; inputs: string[] }): void {
  expect(inputs.filter((input) => input.includes('/server/') || input.startsWith('node:'))).toEqual([]);
  for (const word of DRIVER_ONLY) expect(code, `the client bundle contains "${word}"`).not.toContain(word);
}

describe('the client entry in a browser bundle', () => {
  it('src/index.ts bundles for the browser without the driver', async () => {
    expectNoDriver(await browserBundle('src/index.ts'));
  });

  it('the driver entry does not pass the same check (the check itself works)', async () => {
    await expect(browserBundle('src/server/index.ts').then(expectNoDriver)).rejects.toThrow();
  });

  it('the built dist/index.js and dist/index.cjs carry nothing of the driver', async () => {
    expect(
      existsSync(`${root}/dist/index.js`),
      'dist/ is missing: run `npm run build -w packages/channel-wechatpay`',
    ).toBe(true);
    expectNoDriver(await browserBundle('dist/index.js'));
    const cjs = readFileSync(`${root}/dist/index.cjs`, 'utf8');
    for (const word of DRIVER_ONLY) expect(cjs, `dist/index.cjs contains "${word}"`).not.toContain(word);
    expect(cjs).not.toMatch(/require\(["'](node:|crypto|\.\/server)/);
  });
});
