import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';

// The client entry ships inside every copy of the game (main process and renderer alike): it must bundle for a
// browser (no `node:` module), reach no file of the driver, and carry nothing of the driver's secrets or how it
// signs, derives or calls Steam's publisher API.
const root = fileURLToPath(new URL('..', import.meta.url));
export const DRIVER_ONLY = [
  'publisherKey',
  'pollToken',
  'crypto.subtle',
  'createHmac',
  'ISteamMicroTxn',
  'FinalizeTxn',
  'coinslot-steam/init-token',
  'x-coinslot-steam-signature',
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
    external: ['@coinslot/core'],
  });
  return { code: result.outputFiles.map((file) => file.text).join('\n'), inputs: Object.keys(result.metafile.inputs) };
}

export function expectNoDriver({ code, inputs }: { code: string; inputs: string[] }): void {
  expect(inputs.filter((input) => input.includes('/server/') || input.startsWith('node:'))).toEqual([]);
  for (const word of DRIVER_ONLY) expect(code, `the client bundle contains "${word}"`).not.toContain(word);
}
