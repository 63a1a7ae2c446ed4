// @ts-check
/**
 * `npm run test:quick`: every package's unit tests against the sibling packages' sources, no build needed — the
 * Vitest project of each workspace under packages/ (named after its folder). The tests that need the build, a
 * browser, faults, bundlers or the bench are in other projects, which `npm test` runs. Extra arguments go to Vitest.
 */
import { spawnSync } from 'node:child_process';
import { basename, relative } from 'node:path';
import { listWorkspaces, ROOT } from './lib/workspaces.mjs';

const projects = listWorkspaces()
  .filter((ws) => relative(ROOT, ws.dir).startsWith('packages/'))
  .flatMap((ws) => ['--project', basename(ws.dir)]);
const { status, signal } = spawnSync('npx', ['vitest', 'run', ...projects, ...process.argv.slice(2)], {
  cwd: ROOT,
  stdio: 'inherit',
});
process.exit(status ?? (signal ? 1 : 0));
