import { beforeAll, describe, expect, it } from 'vitest';
import { renderReport } from './report.mjs';
import { allScaleOutCases } from './scale-out/scale-out-rows.mjs';
import { runSuite } from './suite.mjs';

// The CI size of the table "Scale out" of `npm run faults`: every row at 10 bills (200 in a default run), then again
// with the instances' wake-up bus planted away, which must fail every row (results come only when holds end).
const BILLS = Number(process.env.COINSLOT_FAULTS_PURCHASES ?? 10);
const ROWS = allScaleOutCases().map((c) => c.name);
const SCALE_OUT_ONLY = {
  purchases: BILLS,
  games: 1,
  faults: false,
  fulfilment: false,
  attacks: false,
  scaleOut: true,
} as const;

let clean: Awaited<ReturnType<typeof runSuite>>;
let noBus: Awaited<ReturnType<typeof runSuite>>;
beforeAll(async () => {
  clean = await runSuite(SCALE_OUT_ONLY);
  console.log(renderReport(clean));
  noBus = await runSuite({ ...SCALE_OUT_ONLY, plant: 'no-bus' });
}, 600_000);

const rowOf = (result: Awaited<ReturnType<typeof runSuite>>, name: string) => {
  const row = result.scaleOut?.rows.find((r) => r.name === name);
  if (!row) throw new Error(`no row for ${name}`);
  return row;
};

describe(`scale out at ${BILLS} bills per row: no result lost, each woken within 2 s of its payment or recovery`, () => {
  it.each(ROWS)('%s', (name) => {
    const { bills, paid, results, lost, wrong, withinBound, woken } = rowOf(clean, name);
    expect({ bills, paid, results, lost, wrong, withinBound, woken }).toEqual({
      bills: BILLS,
      paid: BILLS,
      results: BILLS,
      lost: 0,
      wrong: 0,
      withinBound: true,
      woken: true,
    });
  });
});

describe('scale out without a wake-up bus (planted): every row fails, yet no result is lost', () => {
  it.each(ROWS)('%s', (name) => {
    const row = rowOf(noBus, name);
    expect(row.woken, 'results came only when holds ended').toBe(false);
    expect({ lost: row.lost, wrong: row.wrong }).toEqual({ lost: 0, wrong: 0 });
  });
  it('fails the suite', () => {
    expect(noBus.ok).toBe(false);
  });
});
