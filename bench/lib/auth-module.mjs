// @ts-check
// `authenticate()` and `resolveAuth()` are internal to @coinslot/server: its entries do not export them, and its
// build's chunks export only what the entries use. So the auth-cost phase compiles them from the server's own sources
// (packages/server/src/auth) with esbuild, as the server's tsup build does, into one module in a temp dir — the same
// code the server runs, jose and @coinslot/protocol included, without a bench-only export in the package.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const AUTH_SOURCES = fileURLToPath(new URL('../../packages/server/src/auth/', import.meta.url));

/**
 * @typedef {object} AuthModule
 * @property {(request: Request, auth: any, billId?: string) => Promise<{ kind: string }>} authenticate
 * @property {(auth: unknown) => Promise<any>} resolveAuth
 */

/** Builds the module and answers its path (a `file:` URL, for `import()`). */
export async function buildAuthModule() {
  const { build } = await import('esbuild');
  const outfile = join(await mkdtemp(join(tmpdir(), 'coinslot-bench-auth-')), 'auth.mjs');
  await build({
    stdin: {
      contents: `export { authenticate } from './authenticate.js';\nexport { resolveAuth } from './auth-options.js';\n`,
      resolveDir: AUTH_SOURCES,
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
