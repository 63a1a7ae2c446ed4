import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { expect } from 'vitest';

// The client entry goes into players' browsers: it must bundle for a browser (no `node:` module), reach no file of
// the driver, and carry nothing of the driver's keys or of the SDK that signs with them.
export const root = fileURLToPath(new URL('..', import.meta.url));
export const DRIVER_ONLY = [
  'appPrivateKey',
  'alipayPublicKey',
  'alipay-sdk',
  'checkNotifySign',
  'PRIVATE KEY',
  'createHmac',
];

export async function browserBundle(entry: string): Promise<{ code: string; inputs: string[] }> {
  const result = await build({
    entryPoints: [entry],
    absWorkingDir: root,
    bundle: true,
    platform: 'browser',
    format: 'esm',
    write: false,
    metafile: true,
    logLevel: 'silent',
    // The game's copy of core is the game's business; the QR view is its own package (checked on its own).
    external: ['@coinslot/core', '@coinslot/qr'],
  });
  return { code: result.outputFiles.map((file) => file.text).join('\n'), inputs: Object.keys(result.metafile.inputs) };
}

export function expectNoDriver({ code, inputs }: { code: string; inputs: string[] }): void {
  expect(inputs.filter((input) => input.includes('/server/') || input.startsWith('node:'))).toEqual([]);
  for (const word of DRIVER_ONLY) expect(code, `the client bundle contains "${word}"`).not.toContain(word);
}
