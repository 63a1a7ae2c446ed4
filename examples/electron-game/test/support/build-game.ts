import { execFile } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

/** A path inside the example's folder. */
export const gamePath = (path: string): string => fileURLToPath(new URL(`../../${path}`, import.meta.url));

/**
 * Build the game with its own build script (`scripts/build.mjs --outdir`) into a fresh temporary folder, so each
 * test file tests the current sources and no two files write one folder. Answers the folder and the time it took.
 */
export async function buildGame(): Promise<{ outdir: string; ms: number }> {
  const outdir = await mkdtemp(join(tmpdir(), 'coinslot-game-build-'));
  const started = performance.now();
  await promisify(execFile)(process.execPath, [gamePath('scripts/build.mjs'), '--outdir', outdir]);
  return { outdir, ms: performance.now() - started };
}
