// @ts-check
// `node bench/multi-instance/run-multi-instance.mjs [--smoke] [--rate <n/s>] [--rows postgres,redis,…] [--no-commits]
// [--json <path>] [--no-build]`: the multi-instance phase of `npm run bench` on its own — notify → verified result
// across instances for each wake-up bus, and paid-commit throughput with the PostgreSQL bus against without
// (docs/server-config.md "Wake-up bus"). Needs PostgreSQL and Redis: `node scripts/prepare-test-machine.mjs --with
// postgres,redis`.
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { buildIfStale } from '../lib/build-if-stale.mjs';
import { MULTI_INSTANCE_FULL, MULTI_INSTANCE_SMOKE, multiInstancePhase, WAKE_ROWS } from './multi-instance-phase.mjs';
import { formatMultiInstance } from './multi-instance-table.mjs';

const { values } = parseArgs({
  options: {
    smoke: { type: 'boolean', default: false },
    json: { type: 'string' },
    'no-build': { type: 'boolean', default: false },
    rows: { type: 'string' },
    rate: { type: 'string' },
    'no-commits': { type: 'boolean', default: false },
  },
});
const sizes = values.smoke ? MULTI_INSTANCE_SMOKE : MULTI_INSTANCE_FULL;
const p = {
  ...sizes,
  rate: values.rate ? Number(values.rate) : sizes.rate,
  commits: values['no-commits'] ? undefined : sizes.commits,
};
if (!values['no-build']) buildIfStale();
const rows = values.rows ? WAKE_ROWS.filter((row) => values.rows?.split(',').includes(row.bus)) : WAKE_ROWS;
const results = await multiInstancePhase(p, { rows, say: (line) => process.stderr.write(`bench: ${line}\n`) });
process.stdout.write(`${formatMultiInstance(results)}\n`);
if (values.json) await writeFile(values.json, JSON.stringify(results, null, 2));
