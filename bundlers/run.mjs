#!/usr/bin/env node
// @ts-check
/**
 * `npm run bundlers`: build the fixture games with every bundler against the packed packages, run them, and
 * print the matrix. Exits 1 when a row does not hold. Flags: `--build` rebuilds core, channel-sandbox and
 * bundler-plugin first; `--keep` leaves the run's folder under .tmp/bundlers/ for inspection; `--json FILE` also
 * writes the raw result.
 */
import { writeFile } from 'node:fs/promises';
import { runMatrix } from './lib/matrix.mjs';
import { formatMatrix } from './lib/print-matrix.mjs';

const args = process.argv.slice(2);
const jsonAt = args.indexOf('--json');
const matrix = await runMatrix({
  build: args.includes('--build'),
  keep: args.includes('--keep'),
  log: (line) => console.error(line),
});
console.log(formatMatrix(matrix));
if (jsonAt >= 0 && args[jsonAt + 1]) await writeFile(args[jsonAt + 1] ?? '', JSON.stringify(matrix, null, 2));
process.exitCode = matrix.rows.every((row) => row.problems.length === 0) ? 0 : 1;
