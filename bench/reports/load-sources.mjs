// @ts-check
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const SERVER = fileURLToPath(new URL('../../packages/server/src/', import.meta.url));

/** What the bench uses: the server, its stores, and the report statements themselves (to EXPLAIN them). */
const ENTRY = `
export { SqliteBillStore, PostgresBillStore } from './index.js';
export { parseReportQuery } from './reports/report-query.js';
export { revenueReport } from './reports/revenue-report.js';
export { funnelReport } from './reports/funnel-report.js';
export { payersReport } from './reports/payers-report.js';
export { reversalReport } from './reports/reversal-report.js';
export { undeliveredReport } from './reports/undelivered-report.js';
export { moneySql, MONEY, funnelSql, payersSql, reversalsSql, undeliveredSql } from './store/sql/report-sql.js';
export { numberedPlaceholders } from './store/sql/bill-store-sql.js';
`;

/**
 * Bundles `entry` (export lines relative to packages/server/src/) from the server's sources (esbuild, packages left
 * external) into a module under packages/server/.tmp and imports it: a bench times the code in the tree, and EXPLAINs
 * the very statements the stores run (not exported by the package). `tag` names the temporary file.
 * @param {string} entry
 * @param {string} tag
 */
export async function loadServerModule(entry, tag) {
  // Inside packages/server (git-ignored .tmp), so the bundle's package imports resolve as the sources' do.
  const dir = join(SERVER, '..', '.tmp');
  await mkdir(dir, { recursive: true });
  const out = join(dir, `${tag}-${process.pid}.mjs`);
  const result = await build({
    stdin: { contents: entry, resolveDir: SERVER, loader: 'ts', sourcefile: 'bench-entry.ts' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    // The workspace's own packages from their sources too (their dist may be mid-build); the rest stays external.
    alias: Object.fromEntries(
      ['protocol', 'core'].map((name) => [`@coinslot/${name}`, join(SERVER, `../../${name}/src/index.ts`)]),
    ),
    packages: 'external',
    write: false,
    target: 'node20',
  });
  const [bundle] = result.outputFiles;
  if (!bundle) throw new Error(`esbuild wrote nothing for ${out}`);
  await writeFile(out, bundle.text);
  try {
    return await import(pathToFileURL(out).href);
  } finally {
    await rm(out, { force: true });
  }
}

/** The server's stores and report statements, bundled from the sources ({@link loadServerModule}). */
export function loadReportsModule() {
  return loadServerModule(ENTRY, 'reports-bench');
}
