// @ts-check
// `node bench/multi-instance/run-multi-instance.mjs [--smoke | --short | --long] [--rate <n/s>] [--rows postgres,redis,…]
// [--no-commits] [--json <path>] [--profile <dir>] [--no-build]`: the multi-instance phase of `npm run bench` on its
// own — notify → verified result across instances for each wake-up bus, against issue 13's targets, and paid-commit
// throughput with the PostgreSQL bus against without (docs/performance.md "Several instances"). The default is sized
// for ≈ 40 s on a quiet machine (16 windows of 0.8 s of notifications, 6 commit rounds of 2,000; far longer on a busy one — 6 min
// at load average 20); `--short` (what `npm run bench` runs by default) three runs of 200 per row and three commit
// rounds of 1,000, ≈ 30 s on a quiet machine; `--long` runs more and bigger windows; `--profile <dir>` writes a .cpuprofile per pay server
// process of each row's last window (`<bus>-<instance>.cpuprofile`; instance 0 holds the waits).
// Needs PostgreSQL and Redis: `node scripts/prepare-test-machine.mjs --with postgres,redis`.
import { mkdir, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { buildIfStale } from '../lib/build-if-stale.mjs';
import {
  MULTI_INSTANCE_FULL,
  MULTI_INSTANCE_LONG,
  MULTI_INSTANCE_SHORT,
  MULTI_INSTANCE_SMOKE,
  multiInstancePhase,
  WAKE_ROWS,
} from './multi-instance-phase.mjs';
import { formatMultiInstance } from './multi-instance-table.mjs';

const { values } = parseArgs({
  options: {
    smoke: { type: 'boolean', default: false },
    short: { type: 'boolean', default: false },
    long: { type: 'boolean', default: false },
    json: { type: 'string' },
    profile: { type: 'string' },
    'no-build': { type: 'boolean', default: false },
    rows: { type: 'string' },
    rate: { type: 'string' },
    'no-commits': { type: 'boolean', default: false },
  },
});
const sizes = values.smoke
  ? MULTI_INSTANCE_SMOKE
  : values.short
    ? MULTI_INSTANCE_SHORT
    : values.long
      ? MULTI_INSTANCE_LONG
      : MULTI_INSTANCE_FULL;
const p = {
  ...sizes,
  rate: values.rate ? Number(values.rate) : sizes.rate,
  commits: values['no-commits'] ? undefined : sizes.commits,
};
if (!values['no-build']) buildIfStale();
const rows = values.rows ? WAKE_ROWS.filter((row) => values.rows?.split(',').includes(row.bus)) : WAKE_ROWS;
const profileDir = values.profile ? resolve(values.profile) : undefined;
if (profileDir) await mkdir(profileDir, { recursive: true });
const started = Date.now();
const results = await multiInstancePhase(p, {
  rows,
  profileDir,
  say: (line) => process.stderr.write(`bench: ${((Date.now() - started) / 1000).toFixed(0)} s: ${line}\n`),
});
process.stdout.write(`${formatMultiInstance(results)}\n`);
process.stderr.write(`bench: the multi-instance phase took ${((Date.now() - started) / 1000).toFixed(0)} s\n`);
if (values.json) await writeFile(values.json, JSON.stringify(results, null, 2));
