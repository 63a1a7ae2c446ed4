import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { expect } from 'vitest';

/** The package's folder. */
export const root = fileURLToPath(new URL('../..', import.meta.url));

/** What only the driver knows: none of it may appear in the client entry's bundle. */
export const DRIVER_ONLY = [
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

/** Bundles `entry` (relative to the package) for a browser, every dependency but the game's core inlined. */
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
    // The game's copy of core is the game's business; everything of this package is bundled and looked at.
    external: ['@coinslot/core'],
  });
  return { code: result.outputFiles.map((file) => file.text).join('\n'), inputs: Object.keys(result.metafile.inputs) };
}

/** Fails when the bundle reached a driver file, the `stripe` library or a `node:` module, or holds a driver word. */
export function expectNoDriver({ code, inputs }: { code: string; inputs: string[] }): void {
  const reached = inputs.filter((input) => /\/server\/|node_modules\/stripe\/|^node:/.test(input));
  expect(reached).toEqual([]);
  for (const word of DRIVER_ONLY) expect(code, `the client bundle contains "${word}"`).not.toContain(word);
}
