#!/usr/bin/env node
// @ts-check
/**
 * `npm run faults`: real purchases through the real pay server (its CLI, SIGKILLable) with real SDK game
 * processes, under every fault case; then fulfilment by a game backend that grants on webhooks, under its faults;
 * then every bad input and forged result; then the real channels (Stripe, Alipay, WeChat Pay, Steam), each driver
 * against its provider's emulator, under their faults. Prints the tables; exits 1 when any row shows a bill lost,
 * granted twice or anything else wrong.
 *
 * Flags: --purchases N (per case, and bills per fulfilment, scale-out and channel row; default 200) --games G
 * (default 4) --only <text> --no-attacks --no-faults --no-fulfilment --no-scale-out --no-channels --build (build
 * core, server, the channel packages and testing first) --keep (keep temp folders)
 * --json <file> (the raw results) --abuse-size full|ci (default full) --plant dev-auth|unpinned-sdk (plant a fault in
 * the abuse attacks' target), no-dedup|lost-event (in the fulfilment rows' game backend or outbox) or no-bus (the
 * scale-out rows' instances without a wake-up bus), accept-forged|no-query (in the channel rows' drivers; the channel
 * rows take no-dedup and lost-event too): its rows must then fail
 */
import { writeFile } from 'node:fs/promises';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { exec } from '../scripts/lib/exec.mjs';
import { ROOT } from '../scripts/lib/pack.mjs';
import { CHANNEL_PLANTS, runChannels } from './channels/run-channels.mjs';
import { FULFILMENT_PLANTS } from './fulfilment/run-fulfilment.mjs';
import { SCALE_OUT_PLANTS } from './scale-out/run-scale-out.mjs';
import { renderReport } from './report.mjs';
import { runSuite } from './suite.mjs';

const { values } = parseArgs({
  options: {
    purchases: { type: 'string', default: '200' },
    games: { type: 'string', default: '4' },
    only: { type: 'string' },
    'no-attacks': { type: 'boolean' },
    'no-faults': { type: 'boolean' },
    'no-fulfilment': { type: 'boolean' },
    'no-scale-out': { type: 'boolean' },
    'no-channels': { type: 'boolean' },
    build: { type: 'boolean' },
    keep: { type: 'boolean' },
    json: { type: 'string' },
    'abuse-size': { type: 'string', default: 'full' },
    plant: { type: 'string' },
  },
});
const purchases = Number(values.purchases);
const games = Number(values.games);
if (!Number.isInteger(purchases) || purchases < 1)
  throw new Error(`--purchases must be a positive integer, not ${values.purchases}`);
if (!Number.isInteger(games) || games < 1 || games > purchases)
  throw new Error(`--games must be 1–${purchases}, not ${values.games}`);

const abuseSize = /** @type {'full' | 'ci'} */ (values['abuse-size']);
if (abuseSize !== 'full' && abuseSize !== 'ci') throw new Error(`--abuse-size must be full or ci, not ${abuseSize}`);
const PLANTS = ['dev-auth', 'unpinned-sdk', ...FULFILMENT_PLANTS, ...SCALE_OUT_PLANTS, ...CHANNEL_PLANTS];
const plant = /** @type {import('./suite.mjs').SuiteOptions['plant']} */ (values.plant);
if (plant !== undefined && !PLANTS.includes(plant))
  throw new Error(`--plant must be ${PLANTS.join(', ')}, not ${plant}`);

const commit = (await exec('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT })).stdout.trim();
const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
console.log(`# coinslot faults — ${purchases} purchases per case, ${games} game processes, commit ${commit}`);
console.log(
  `# ${os.cpus().length} × ${cpu}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.platform()} ${os.release()}, Node ${process.version}\n`,
);

// Ctrl-C: exit through 'exit', so the pay servers and games this run started are killed with it.
process.once('SIGINT', () => process.exit(130));

const suite = await runSuite({
  purchases,
  games,
  only: values.only,
  build: values.build,
  keep: values.keep,
  faults: !values['no-faults'],
  fulfilment: !values['no-fulfilment'],
  scaleOut: !values['no-scale-out'],
  attacks: !values['no-attacks'],
  abuseSize,
  plant,
  progress: (line) => console.error(line),
});
const channels = values['no-channels']
  ? undefined
  : await runChannels({
      bills: purchases,
      only: values.only,
      plant,
      build: values.build,
      keep: values.keep,
      progress: (line) => console.error(line),
    });
const result = {
  ...suite,
  channels,
  ok: suite.ok && (channels?.ok ?? true),
  seconds: suite.seconds + (channels?.seconds ?? 0),
};
console.log(renderReport(result));
if (values.json) await writeFile(values.json, JSON.stringify(result, null, 2));
process.exitCode = result.ok ? 0 : 1;
