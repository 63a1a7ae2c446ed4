import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOrder, listWorkspaces } from '../../scripts/lib/workspaces.mjs';

const SCRIPT = join(import.meta.dirname, '../../scripts/build-stale.mjs');

// A repository of its own: `lib`; `tool`, built with tsup (keeps `lib` external); `app`, bundling `lib` (no tsup).
// Each build writes dist/built.txt; the root lists them in an order that is not the build order.
let root: string;
const workspace = (dir: string, pkg: object, tsup = false) => {
  mkdirSync(join(root, dir, 'src'), { recursive: true });
  writeFileSync(join(root, dir, 'src/index.ts'), 'export {};\n');
  if (tsup) writeFileSync(join(root, dir, 'tsup.config.ts'), 'export default {};\n');
  const build = `node -e "require('fs').mkdirSync('dist',{recursive:true});require('fs').writeFileSync('dist/built.txt','')"`;
  writeFileSync(join(root, dir, 'package.json'), JSON.stringify({ version: '1.0.0', scripts: { build }, ...pkg }));
};

/** Runs the script; returns the workspaces it built, in order, and what it printed. */
async function buildStale(...args: string[]) {
  const { stdout } = await promisify(execFile)(process.execPath, [SCRIPT, '--root', root, ...args]);
  return { built: [...stdout.matchAll(/^build: (\S+) \(/gm)].map((match) => match[1]), stdout };
}

/** Marks a file as changed now (after the last build started). */
const touch = (path: string) => utimesSync(join(root, path), new Date(), new Date());

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'coinslot-build-stale-'));
  writeFileSync(
    join(root, 'package.json'),
    JSON.stringify({ name: 'repo', private: true, workspaces: ['app', 'tool', 'lib'] }),
  );
  workspace('app', { name: 'app', dependencies: { lib: '1.0.0' } });
  workspace('tool', { name: 'tool', peerDependencies: { lib: '1.0.0' } }, true);
  workspace('lib', { name: 'lib' });
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('buildOrder', () => {
  it('puts what a workspace needs before it, and brings only what a target needs', () => {
    const workspaces = listWorkspaces(root);
    expect(buildOrder(workspaces).map((ws) => ws.name)).toEqual(['lib', 'app', 'tool']);
    expect(buildOrder(workspaces, ['app']).map((ws) => ws.name)).toEqual(['lib', 'app']);
  });

  it('orders by devDependencies too, except an edge that would close a cycle', () => {
    const ws = (name: string, devNeeds: string[]) => ({ name, dir: name, pkg: {}, needs: [], devNeeds });
    expect(buildOrder([ws('a', ['b']), ws('b', ['a'])]).map((w) => w.name)).toEqual(['b', 'a']);
  });
});

describe('scripts/build-stale.mjs', () => {
  it('builds everything the first time, dependencies first, then nothing while nothing changed', async () => {
    expect((await buildStale()).built).toEqual(['lib', 'app', 'tool']);
    const again = await buildStale();
    expect(again.built).toEqual([]);
    expect(again.stdout).toContain('build: up to date: lib, app, tool');
  });

  it('rebuilds a changed workspace and what bundles it, not what keeps it external (tsup)', async () => {
    await buildStale();
    touch('lib/src/index.ts');
    const { built, stdout } = await buildStale();
    expect(built).toEqual(['lib', 'app']);
    expect(stdout).toContain('build: lib (src/index.ts changed)');
    expect(stdout).toContain('build: app (lib was rebuilt)');
  });

  it('rebuilds a workspace whose dist/ is gone, and one whose package.json changed', async () => {
    await buildStale();
    rmSync(join(root, 'tool/dist'), { recursive: true });
    touch('app/package.json');
    expect((await buildStale()).built).toEqual(['app', 'tool']);
  });

  it('leaves tests and docs out of the inputs', async () => {
    await buildStale();
    writeFileSync(join(root, 'lib/src/index.test.ts'), '');
    writeFileSync(join(root, 'lib/README.md'), '');
    touch('lib/src/index.test.ts');
    touch('lib/README.md');
    expect((await buildStale()).built).toEqual([]);
  });

  it('for a target, builds only it and what it needs', async () => {
    rmSync(join(root, 'lib/dist'), { recursive: true });
    rmSync(join(root, 'tool/dist'), { recursive: true });
    expect((await buildStale('app')).built).toEqual(['lib', 'app']);
  });

  it('--force builds everything', async () => {
    await buildStale();
    expect((await buildStale('--force')).built).toEqual(['lib', 'app', 'tool']);
  });

  it('stops at a failing build, says which, and exits 1', async () => {
    writeFileSync(
      join(root, 'lib/package.json'),
      JSON.stringify({ name: 'lib', version: '1.0.0', scripts: { build: 'node -e "process.exit(3)"' } }),
    );
    const failure = await buildStale().then(
      () => undefined,
      (error: { code: number; stdout: string; stderr: string }) => error,
    );
    expect(failure?.code).toBe(1);
    expect(failure?.stderr).toContain('build: lib failed (exit 3); nothing after it was built');
    expect([...(failure?.stdout ?? '').matchAll(/^build: (\S+) \(/gm)].map((match) => match[1])).toEqual(['lib']);
  });
}, 60_000);
