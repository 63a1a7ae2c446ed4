// @ts-check
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { runAbuse } from './attacks/run-abuse.mjs';
import { runAttacks } from './attacks/run-attacks.mjs';
import { allFaultCases } from './cases/all-cases.mjs';
import { FULFILMENT_PLANTS, runFulfilment } from './fulfilment/run-fulfilment.mjs';
import { runCase } from './cases/run-case.mjs';
import { runScaleOut, SCALE_OUT_PLANTS } from './scale-out/run-scale-out.mjs';
import { rowIsClean } from './lib/accounting.mjs';
import { useBuildSnapshot } from './lib/build-snapshot.mjs';

/**
 * @typedef {object} SuiteOptions
 * @property {number} purchases per fault case
 * @property {number} games game processes per case
 * @property {string} [only] run only the cases whose name contains this
 * @property {boolean} [faults] run the fault cases (default true)
 * @property {boolean} [attacks] run the bad-input and forged-result lists and the abuse attacks (default true)
 * @property {'full' | 'ci'} [abuseSize] the abuse attacks' size (default full: 2,000 waits on one bill …)
 * @property {boolean} [fulfilment] run the fulfilment rows (webhooks to a game backend that grants; default true), at
 *   `purchases` bills per row
 * @property {boolean} [scaleOut] run the scale-out rows (three servers over one PostgreSQL schema per bus; needs
 *   PostgreSQL and Redis), at `purchases` bills per row (default false; `npm run faults` runs them)
 * @property {import('./attacks/run-abuse.mjs').AbusePlant | import('./fulfilment/fulfilment-case.mjs').FulfilmentPlant | import('./scale-out/run-scale-out.mjs').ScaleOutPlant} [plant]
 *   a fault planted in the abuse attacks' target, in the fulfilment rows' outbox or game backend, or in the
 *   scale-out rows' instances
 * @property {boolean} [build] build core and server first
 * @property {boolean} [keep] keep temp folders
 * @property {(line: string) => void} [progress] hears one line per finished case
 */

/**
 * The whole suite: the fault cases one after another (each against its own fresh server and games), the fulfilment
 * rows, then the attack lists and the abuse attacks — all on a private copy of the current builds.
 * @param {SuiteOptions} options
 */
export async function runSuite(options) {
  const started = Date.now();
  const snapshot = await mkdtemp(path.join(os.tmpdir(), 'coinslot-faults-build-'));
  try {
    const warning = await useBuildSnapshot(snapshot, { build: options.build });
    if (warning) options.progress?.(`warning: ${warning}`);
    /** @type {import('./lib/accounting.mjs').FaultRow[]} */
    const rows = [];
    if (options.faults !== false) {
      for (const fault of allFaultCases().filter((c) => !options.only || c.name.includes(options.only))) {
        const row = await runCase(fault, options);
        rows.push(row);
        options.progress?.(`${rowIsClean(row) ? 'ok  ' : 'FAIL'} ${row.name} (${row.seconds} s)`);
      }
    }
    const fulfilmentPlant = FULFILMENT_PLANTS.find((plant) => plant === options.plant);
    const fulfilment =
      options.fulfilment === false
        ? undefined
        : await runFulfilment({
            bills: options.purchases,
            only: options.only,
            plant: fulfilmentPlant,
            keep: options.keep,
            progress: options.progress,
          });
    const scaleOut =
      options.scaleOut === true
        ? await runScaleOut({
            bills: options.purchases,
            only: options.only,
            plant: SCALE_OUT_PLANTS.find((plant) => plant === options.plant),
            progress: options.progress,
          })
        : undefined;
    const attacks = options.attacks === false ? undefined : await runAttacks(options);
    if (attacks) options.progress?.(`${attacks.ok ? 'ok  ' : 'FAIL'} attack lists (${attacks.seconds} s)`);
    const abuse =
      options.attacks === false
        ? undefined
        : await runAbuse({
            size: options.abuseSize,
            plant: options.plant === 'dev-auth' || options.plant === 'unpinned-sdk' ? options.plant : undefined,
            keep: options.keep,
          });
    if (abuse) options.progress?.(`${abuse.ok ? 'ok  ' : 'FAIL'} abuse attacks (${abuse.seconds} s)`);
    const cases = allFaultCases();
    return {
      rows,
      faultsOf: Object.fromEntries(cases.map((c) => [c.name, c.fault])),
      fulfilment,
      scaleOut,
      attacks,
      abuse,
      warning,
      ok:
        rows.every(rowIsClean) &&
        (fulfilment?.ok ?? true) &&
        (scaleOut?.ok ?? true) &&
        (attacks?.ok ?? true) &&
        (abuse?.ok ?? true),
      seconds: Math.round((Date.now() - started) / 1000),
    };
  } finally {
    await rm(snapshot, { recursive: true, force: true });
  }
}
