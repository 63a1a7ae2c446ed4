// @ts-check
/**
 * Builds workspaces in dependency order (read from their package.json files), running each one's `build` script.
 *
 *   node scripts/build-stale.mjs                      every workspace whose build is stale
 *   node scripts/build-stale.mjs @coinslot/example-web-shop   that one and what it needs, when stale (`npm start`)
 *   node scripts/build-stale.mjs --force              every workspace, stale or not (`npm run build`)
 *
 * Stale: no dist/, a source newer than the last build, or a workspace whose code it bundles rebuilt since
 * (lib/build-stamps.mjs).
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { readStamp, staleReason, writeStamp } from './lib/build-stamps.mjs';
import { buildOrder, listWorkspaces, ROOT } from './lib/workspaces.mjs';

const { values, positionals } = parseArgs({
  options: { force: { type: 'boolean', default: false }, root: { type: 'string', default: ROOT } },
  allowPositionals: true,
});
const root = values.root;
const workspaces = listWorkspaces(root);
/**
 * Whether `ws`'s build output holds a copy of `dep`, so that a rebuild of `dep` makes it stale. tsup keeps
 * dependencies and peerDependencies external (only devDependencies are bundled); other builds (the examples'
 * esbuild scripts) bundle what they import.
 * @param {import('./lib/workspaces.mjs').Workspace} ws
 * @param {string} dep
 */
const bundles = (ws, dep) => !existsSync(join(ws.dir, 'tsup.config.ts')) || ws.devNeeds.includes(dep);

const order = buildOrder(workspaces, positionals).filter(
  (ws) => /** @type {{ build?: string } | undefined} */ (ws.pkg.scripts)?.build,
);
const upToDate = [];
for (const ws of order) {
  const builtOn = ws.after.filter((dep) => order.some((o) => o.name === dep) && bundles(ws, dep));
  const reason = values.force
    ? 'forced'
    : staleReason({
        dir: ws.dir,
        stamp: readStamp(root, ws.name),
        inputsBuilt: builtOn.map((name) => ({ name, stamp: readStamp(root, name) })),
      });
  if (!reason) {
    upToDate.push(ws.name);
    continue;
  }
  console.log(`build: ${ws.name} (${reason})`);
  const startedAt = Date.now();
  const result = spawnSync('npm', ['run', 'build', '--silent', '--workspace', ws.name], {
    cwd: root,
    stdio: 'inherit',
  });
  if (result.status !== 0) {
    console.error(`build: ${ws.name} failed (exit ${result.status ?? result.signal}); nothing after it was built`);
    process.exit(1);
  }
  writeStamp(root, ws.name, startedAt);
}
if (upToDate.length > 0) console.log(`build: up to date: ${upToDate.join(', ')}`);
