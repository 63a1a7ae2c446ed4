#!/usr/bin/env node
// @ts-check
/**
 * `npm run bundlers`: build the fixture games with every bundler against the packed packages, run them, and
 * print the matrix. Exits 1 when a row does not hold. Flags: `--build` rebuilds core, channel-sandbox and
 * bundler-plugin first; `--keep` leaves the run's folder under .tmp/bundlers/ for inspection; `--json FILE` also
 * writes the raw result; `--quick` leaves out the slow rows (Next.js's webpack builds, which the Vitest project leaves
 * out too); `--only id,id` runs those rows only.
 */
import { writeFile } from 'node:fs/promises';
import { runMatrix } from './lib/matrix.mjs';
import { formatMatrix } from './lib/print-matrix.mjs';

const args = process.argv.slice(2);
const jsonAt = args.indexOf('--json');
const onlyAt = args.indexOf('--only');
const only = onlyAt >= 0 ? new Set((args[onlyAt + 1] ?? '').split(',')) : undefined;
const matrix = await runMatrix({
  build: args.includes('--build'),
  keep: args.includes('--keep'),
  slow: !args.includes('--quick'),
  only: only ? (id) => only.has(id) : undefined,
  log: (line) => console.error(line),
});
console.log(formatMatrix(matrix));
if (jsonAt >= 0 && args[jsonAt + 1]) await writeFile(args[jsonAt + 1] ?? '', JSON.stringify(matrix, null, 2));
process.exitCode = matrix.rows.every((row) => row.problems.length === 0) ? 0 : 1;
