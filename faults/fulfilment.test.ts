import { beforeAll, describe, expect, it } from 'vitest';
import { allFulfilmentCases } from './fulfilment/run-fulfilment.mjs';
import { renderReport } from './report.mjs';
import { runSuite } from './suite.mjs';

// The CI size of the table "Fulfilment by the game server" of `npm run faults`: every row at 20 bills (200 in a
// default run), then again with each planted fault, which must fail its rows.
const BILLS = Number(process.env.COINSLOT_FAULTS_PURCHASES ?? 20);
const ROWS = allFulfilmentCases().map((c) => c.name);
const FULFILMENT_ONLY = { purchases: BILLS, games: 1, faults: false, attacks: false } as const;

let clean: Awaited<ReturnType<typeof runSuite>>;
let noDedup: Awaited<ReturnType<typeof runSuite>>;
let lostEvent: Awaited<ReturnType<typeof runSuite>>;
beforeAll(async () => {
  clean = await runSuite(FULFILMENT_ONLY);
  console.log(renderReport(clean));
  noDedup = await runSuite({ ...FULFILMENT_ONLY, plant: 'no-dedup' });
  lostEvent = await runSuite({ ...FULFILMENT_ONLY, plant: 'lost-event' });
}, 600_000);

const rowOf = (result: Awaited<ReturnType<typeof runSuite>>, name: string) => {
  const row = result.fulfilment?.rows.find((r) => r.name === name);
  if (!row) throw new Error(`no row for ${name}`);
  return row;
};

describe(`fulfilment by the game server at ${BILLS} bills: no grant lost or doubled, every reversal delivered`, () => {
  it.each(ROWS)('%s', (name) => {
    const row = rowOf(clean, name);
    expect(row.bills).toBe(BILLS);
    const { lost, twice, undelivered, problems } = row;
    expect({ lost, twice, undelivered, problems }).toEqual({ lost: 0, twice: 0, undelivered: 0, problems: [] });
    expect(row.granted, 'every bill paid on the server is granted').toBe(row.paid);
    expect(row.reversalsExpected, 'the row reverses some bills').toBeGreaterThan(0);
    expect(row.reversalsDelivered, 'every reversal reaches the game backend').toBe(row.reversalsExpected);
  });
});

describe('fulfilment with a planted fault: the rows fail', () => {
  it.each(['pay server SIGKILLed between commit and dispatch', 'webhooks answered slowly, 5xx, reset or refused'])(
    'no-dedup (the game backend forgets which events it processed): %s grants twice',
    (name) => {
      expect(rowOf(noDedup, name).twice).toBeGreaterThan(0);
      expect(noDedup.ok).toBe(false);
    },
  );

  it.each(ROWS)('lost-event (the outbox marks some events sent without sending them): %s', (name) => {
    const row = rowOf(lostEvent, name);
    expect(row.lost).toBeGreaterThan(0);
    expect(row.reversalsDelivered).toBeLessThan(row.reversalsExpected);
    expect(row.problems.some((p) => p.includes('events never reached the game backend'))).toBe(true);
  });
});
