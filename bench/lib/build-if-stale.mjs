// @ts-check
import { execSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const PACKAGES = ['core', 'server'];

/** @param {string} dir @returns {number} the newest modification time under `dir` */
function newest(dir) {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

/** @param {string} pkg */
function isStale(pkg) {
  try {
    return (
      newest(join(ROOT, 'packages', pkg, 'src')) > statSync(join(ROOT, 'packages', pkg, 'dist', 'index.js')).mtimeMs
    );
  } catch {
    return true;
  }
}

/**
 * The bench runs the built packages (what users run): builds `@coinslot/core` and `@coinslot/server` first
 * when a source file is newer than the build, or there is none.
 */
export function buildIfStale() {
  const stale = PACKAGES.filter(isStale);
  if (stale.length === 0) return;
  process.stderr.write(
    `bench: building ${stale.map((p) => `@coinslot/${p}`).join(', ')} (sources are newer than dist)\n`,
  );
  const workspaces = stale.map((p) => `-w @coinslot/${p}`).join(' ');
  execSync(`npm run build ${workspaces}`, { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
}
