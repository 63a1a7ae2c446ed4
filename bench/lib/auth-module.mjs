// @ts-check
// `authenticate()` and `resolveAuth()` are internal to @coinslot/server: its entries do not export them, and its
// build's chunks export only what the entries use. So the auth-cost phase compiles them from the server's own sources
// (packages/server/src) with esbuild, as the server's tsup build does, into one module in a temp dir — the same
// code the server runs, jose and @coinslot/protocol included, without a bench-only export in the package.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const SERVER_SOURCES = fileURLToPath(new URL('../../packages/server/src/', import.meta.url));

// `authenticate()` takes the server's games (an AppRegistry): built here as `createPayServer` builds it, for the one
// default game with this auth, a catalog of one item and the sandbox driver.
const ENTRY = `
export { authenticate } from './auth/authenticate.js';
import { resolveAuth } from './auth/auth-options.js';
import { AppRegistry } from './apps/app-registry.js';
import { resolveApps } from './apps/resolve-apps.js';
import { createSandboxDriver } from './drivers/sandbox/sandbox-driver.js';
import { resolveOptions } from './options.js';
export async function authContext(authOptions) {
  const auth = await resolveAuth(authOptions);
  const catalog = { 'coins-550': { amount: 499, currency: 'USD' } };
  const resolved = resolveOptions({ catalog }, auth.development);
  const drivers = [createSandboxDriver()];
  const { apps } = await resolveApps({ auth, serverKeys: authOptions.serverKeys ?? [], drivers }, resolved, undefined);
  return { apps: new AppRegistry(apps, auth.billTokens), billTokens: auth.billTokens };
}
`;

/**
 * @typedef {object} AuthModule
 * @property {(request: Request, apps: any, billId?: string) => Promise<{ kind: string }>} authenticate
 * @property {(auth: unknown) => Promise<{ apps: any, billTokens: { mint(billId: string): Promise<string> } }>} authContext
 *   the server's games for this auth, and its bill tokens
 */

/** Builds the module and answers its path (a `file:` URL, for `import()`). */
export async function buildAuthModule() {
  const { build } = await import('esbuild');
  const outfile = join(await mkdtemp(join(tmpdir(), 'coinslot-bench-auth-')), 'auth.mjs');
  await build({
    stdin: {
      contents: ENTRY,
      resolveDir: SERVER_SOURCES,
      loader: 'ts',
      sourcefile: 'bench-auth-entry.ts',
    },
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'es2022',
    outfile,
    logLevel: 'warning',
  });
  return new URL(`file://${outfile}`).href;
}
