import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createClientBundleCheck } from '../src/client-bundle.js';

// A channel package in a temporary folder: a clean client entry, and a driver that signs with a secret.
const root = mkdtempSync(join(tmpdir(), 'coinslot-client-bundle-'));
const files: Record<string, string> = {
  'src/index.ts': "export const pay = (url: string) => window.open(url, 'coinslot-test');\n",
  'src/server/index.ts':
    "import { createHmac } from 'node:crypto';\nexport const sign = (secretKey: string) => createHmac('sha256', secretKey);\n",
  'src/leaky.ts': "export const options = { secretKey: '' };\n",
  'dist/index.js': "export const pay = (url) => window.open(url, 'coinslot-test');\n",
  'dist/index.cjs': "module.exports = require('./server/index.cjs');\n",
};
for (const [file, text] of Object.entries(files)) {
  mkdirSync(dirname(join(root, file)), { recursive: true });
  writeFileSync(join(root, file), text);
}
afterAll(() => rmSync(root, { recursive: true, force: true }));

const check = createClientBundleCheck({ root, driverOnly: ['secretKey', 'createHmac'] });

describe('createClientBundleCheck', () => {
  it('passes a client entry that holds nothing of the driver', async () => {
    const bundle = await check.browserBundle('src/index.ts');
    expect(bundle.inputs).toEqual(['src/index.ts']);
    check.expectNoDriver(bundle);
    await check.expectBuiltEsmClean();
  });

  it('fails on a bundle that reached the driver folder or a node: module', async () => {
    await expect(check.browserBundle('src/server/index.ts').then(check.expectNoDriver)).rejects.toThrow();
  });

  it('fails on a bundle that holds a driver word, naming the word', async () => {
    const bundle = await check.browserBundle('src/leaky.ts');
    expect(() => check.expectNoDriver(bundle)).toThrow(/secretKey/);
  });

  it('fails on a built dist/index.cjs that requires the driver', () => {
    expect(() => check.expectBuiltCjsClean()).toThrow();
  });
});
