import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { gamePath } from './support/build-game.js';

const electronInstalled = (() => {
  try {
    createRequire(gamePath('package.json')).resolve('electron');
    return true;
  } catch {
    return false;
  }
})();

describe('scripts/start.mjs', () => {
  // With Electron installed this would open the game, which a test cannot drive here.
  it.skipIf(electronInstalled)('without Electron: says how to install it, starts nothing and exits 1', async () => {
    const result = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      execFile(process.execPath, [gamePath('scripts/start.mjs')], { cwd: gamePath('.') }, (error, stdout, stderr) =>
        resolve({ code: error ? (error.code as number) : 0, stdout, stderr }),
      );
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Electron is not installed');
    expect(result.stderr).toContain('npm install --no-save electron');
    expect(result.stdout).not.toContain('Coinslot pay server');
  });
});
