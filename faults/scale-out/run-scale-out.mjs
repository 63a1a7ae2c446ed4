// @ts-check
import { markdownTable } from '../../scripts/lib/table.mjs';
import { allScaleOutCases, HOLD_SECONDS, runScaleOutCase } from './scale-out-rows.mjs';

/** The bound: a result arrives within the hold time plus a second after the payment or the recovery. */
const BOUND_MS = HOLD_SECONDS * 1000 + 1000;
/**
 * What the bus adds: the wait is woken, not left to its hold's end (10 s) — 2 s leaves room for a loaded machine.
 * Without a bus (`--plant no-bus`) every row fails this.
 */
const WOKEN_MS = 2000;

/** The plants of this table, as `--plant` names them: `no-bus` runs the instances with the in-process bus. */
export const SCALE_OUT_PLANTS = /** @type {const} */ (['no-bus']);
/** @typedef {(typeof SCALE_OUT_PLANTS)[number]} ScaleOutPlant */

/**
 * @typedef {object} ScaleOutRow
 * @property {string} name
 * @property {number} bills
 * @property {number} paid bills the server holds as paid at the end
 * @property {number} results settled results the clients verified (SDK verifier) as paid
 * @property {number} lost paid bills whose client got no verified paid result
 * @property {number} wrong results that were not paid, or did not verify
 * @property {number} latestMs the latest result after its payment (or the recovery), ms
 * @property {boolean} withinBound every result within the hold time plus a second
 * @property {boolean} woken every result within 2 s: woken by the bus, not by its hold's end
 * @property {string[]} notes
 * @property {number} seconds
 */

/** @param {ScaleOutRow} row */
export const scaleOutRowIsClean = (row) =>
  row.lost === 0 &&
  row.wrong === 0 &&
  row.paid === row.bills &&
  row.results === row.bills &&
  row.withinBound &&
  row.woken;

/**
 * The table "Scale out": three pay server processes over one PostgreSQL schema, for each bus, under each fault.
 * @param {{ bills: number, only?: string, plant?: ScaleOutPlant, progress?: (line: string) => void }} options
 */
export async function runScaleOut({ bills, only, plant, progress }) {
  const started = Date.now();
  const cases = allScaleOutCases().filter((c) => !only || c.name.includes(only));
  /** @type {ScaleOutRow[]} */
  const rows = [];
  for (const scaleOutCase of cases) {
    const caseStarted = Date.now();
    const outcome = await runScaleOutCase(scaleOutCase, bills, plant === 'no-bus');
    const late = outcome.arrivals.map((arrival, i) => (arrival ? arrival.at - (outcome.since[i] ?? 0) : Infinity));
    const paid = outcome.serverStates.filter((state) => state === 'paid').length;
    const good = outcome.arrivals.filter((arrival) => arrival?.state === 'paid' && arrival.verified).length;
    /** @type {ScaleOutRow} */
    const row = {
      name: scaleOutCase.name,
      bills: outcome.bills,
      paid,
      results: good,
      lost: outcome.arrivals.filter((arrival, i) => outcome.serverStates[i] === 'paid' && !arrival).length,
      wrong: outcome.arrivals.filter((arrival) => arrival && !(arrival.state === 'paid' && arrival.verified)).length,
      latestMs: Math.max(0, ...late),
      withinBound: late.every((ms) => ms <= BOUND_MS),
      woken: late.every((ms) => ms <= WOKEN_MS),
      notes: outcome.notes,
      seconds: Math.round((Date.now() - caseStarted) / 1000),
    };
    rows.push(row);
    progress?.(`${scaleOutRowIsClean(row) ? 'ok  ' : 'FAIL'} ${row.name} (${row.seconds} s)`);
  }
  return {
    rows,
    bills,
    plant,
    faultsOf: Object.fromEntries(cases.map((c) => [c.name, c.fault])),
    ok: rows.every(scaleOutRowIsClean),
    seconds: Math.round((Date.now() - started) / 1000),
  };
}

/**
 * The table and its notes as Markdown lines.
 * @param {Awaited<ReturnType<typeof runScaleOut>>} result
 */
export function scaleOutReport(result) {
  const table = markdownTable(
    [
      'row',
      'bills',
      'paid (server)',
      'results verified',
      'lost',
      'wrong',
      'latest after payment / recovery',
      `within ${HOLD_SECONDS} s hold + 1 s`,
      `woken (≤ ${WOKEN_MS / 1000} s)`,
      's',
    ],
    result.rows.map((r) => [
      r.name,
      String(r.bills),
      String(r.paid),
      String(r.results),
      String(r.lost),
      String(r.wrong),
      Number.isFinite(r.latestMs) ? `${r.latestMs} ms` : 'never',
      r.withinBound ? 'yes' : 'NO',
      r.woken ? 'yes' : 'NO',
      String(r.seconds),
    ]),
  );
  const planted = result.plant ? `; PLANTED FAULT: ${result.plant}` : '';
  const lines = [
    `Scale out: three coinslot-server processes over one PostgreSQL schema (${result.bills} bills per row, a held wait each${planted}):`,
    '',
    table,
    '',
  ];
  for (const row of result.rows)
    lines.push(`- **${row.name}**: ${[result.faultsOf[row.name], ...row.notes].join('; ')}.`);
  return lines;
}
