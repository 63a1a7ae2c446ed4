// @ts-check
import { backendDown } from './backend-down-row.mjs';
import { channelDisorder } from './channel-disorder-row.mjs';
import { flakyWebhooks } from './flaky-webhooks-row.mjs';
import { fulfilmentRowIsClean } from './fulfilment-accounting.mjs';
import { chargebackAfterDelivery, refundAfterDelivery } from './reversal-rows.mjs';
import { runFulfilmentCase } from './run-fulfilment-case.mjs';
import { serverKilled } from './server-killed-row.mjs';

/** The plants of this table, as `--plant` names them. */
export const FULFILMENT_PLANTS = /** @type {const} */ (['no-dedup', 'lost-event']);

/**
 * Every fulfilment row, in table order.
 * @returns {import('./fulfilment-case.mjs').FulfilmentCase[]}
 */
export const allFulfilmentCases = () => [
  backendDown,
  serverKilled,
  flakyWebhooks,
  channelDisorder,
  refundAfterDelivery,
  chargebackAfterDelivery,
];

/**
 * The table "Fulfilment by the game server": each row against its own fresh pay server and game backend, `bills`
 * bills each.
 * @param {{ bills: number, only?: string, plant?: import('./fulfilment-case.mjs').FulfilmentPlant, keep?: boolean, progress?: (line: string) => void }} options
 */
export async function runFulfilment({ bills, only, plant, keep, progress }) {
  const started = Date.now();
  const cases = allFulfilmentCases().filter((c) => !only || c.name.includes(only));
  /** @type {import('./fulfilment-accounting.mjs').FulfilmentRow[]} */
  const rows = [];
  for (const fulfilmentCase of cases) {
    const row = await runFulfilmentCase(fulfilmentCase, { bills, plant, keep });
    rows.push(row);
    progress?.(`${fulfilmentRowIsClean(row) ? 'ok  ' : 'FAIL'} ${row.name} (${row.seconds} s)`);
  }
  return {
    rows,
    bills,
    plant,
    faultsOf: Object.fromEntries(cases.map((c) => [c.name, c.fault])),
    ok: rows.every(fulfilmentRowIsClean),
    seconds: Math.round((Date.now() - started) / 1000),
  };
}
