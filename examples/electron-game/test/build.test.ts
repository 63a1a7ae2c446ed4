import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readdir, readFile, rm } from 'node:fs/promises';
import { builtinModules } from 'node:module';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildGame, gamePath } from './support/build-game.js';

// The three bundles `npm run build` makes, built here into a temporary folder by the same script.
let outdir: string;
let buildMs: number;
const read = (path: string) => readFile(join(outdir, path), 'utf8');
const requiresOf = (code: string) => [...code.matchAll(/\brequire\("([^"]+)"\)/g)].map((match) => match[1]!);
const isBuiltin = (name: string) => name.startsWith('node:') || builtinModules.includes(name);

beforeAll(async () => {
  ({ outdir, ms: buildMs } = await buildGame());
}, 60_000);
afterAll(async () => {
  if (outdir) await rm(outdir, { recursive: true, force: true });
});

describe('npm run build', () => {
  it('builds main, preload and renderer quickly', async () => {
    for (const file of [
      'main/main.cjs',
      'preload/preload.cjs',
      'renderer/index.html',
      'renderer/main.js',
      'renderer/shop.css',
    ]) {
      expect(existsSync(join(outdir, file)), file).toBe(true);
    }
    expect(buildMs).toBeLessThan(5_000); // what the root `npm run build` spends on this example (esbuild only)
  });

  it('main: CommonJS for Node with `electron` left external and every package bundled (a packaged app has no node_modules)', async () => {
    const main = await read('main/main.cjs');
    expect(main).toMatch(/module\.exports|"use strict"/);
    expect(requiresOf(main)).toContain('electron');
    expect(requiresOf(main).filter((name) => name !== 'electron' && !isBuiltin(name))).toEqual([]);
    expect(main).not.toMatch(/\bimport\s*\{[^}]*\}\s*from\s*["']electron["']/);
    expect(main).not.toContain('@coinslot/server'); // the pay server is never part of the app
  });

  it('preload: CommonJS (sandboxed preloads cannot be ES modules) requiring nothing but `electron`', async () => {
    const preload = await read('preload/preload.cjs');
    expect(requiresOf(preload)).toEqual(['electron']);
    expect(preload).not.toMatch(/^\s*(import|export)\s/m);
  });

  it('renderer: browser ES modules, no Node or Electron import, the sandbox channel in its own chunk', async () => {
    const files = (await readdir(join(outdir, 'renderer'), { recursive: true })).filter((name) => name.endsWith('.js'));
    expect(files.filter((name) => name.startsWith('chunks')).length).toBeGreaterThan(0);
    for (const name of files) {
      const code = await read(join('renderer', name));
      expect(requiresOf(code), name).toEqual([]);
      expect(code, name).not.toMatch(/from\s*["'](electron|node:[^"']+)["']/);
    }
    expect(await read('renderer/index.html')).toContain('<script type="module" src="./main.js"></script>');
  });

  it('no bundle holds a private key, the sandbox secret or HMAC material (scripts/check-no-secrets.mjs)', async () => {
    const check = await promisify(execFile)(process.execPath, [
      gamePath('../../scripts/check-no-secrets.mjs'),
      '--dir',
      outdir,
    ]);
    const scanned = [...check.stdout.matchAll(/\| folder +\| ([^|]+?) +\|/g)].map((match) =>
      relative(outdir, match[1]!.trim()),
    );
    expect(scanned).toEqual(
      expect.arrayContaining(['main/main.cjs', 'main/main.cjs.map', 'preload/preload.cjs', 'renderer/main.js']),
    );
    expect(check.stdout).toContain('no secret material');
  });
});
