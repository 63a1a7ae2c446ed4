import { beforeAll, describe, expect, it } from 'vitest';
import { allFaultCases } from './cases/all-cases.mjs';
import { BAD_INPUTS } from './attacks/bad-inputs.mjs';
import { FORGED_RESULTS } from './attacks/forged-results.mjs';
import { renderReport } from './report.mjs';
import { runSuite } from './suite.mjs';

// The CI size of `npm run faults`: every case at 20 purchases (2 game processes), every attack in full.
const PURCHASES = Number(process.env.COINSLOT_FAULTS_PURCHASES ?? 20);

let result: Awaited<ReturnType<typeof runSuite>>;
beforeAll(async () => {
  result = await runSuite({ purchases: PURCHASES, games: 2 });
  console.log(renderReport(result));
}, 900_000);

describe(`fault cases at ${PURCHASES} purchases: nothing lost, nothing granted twice`, () => {
  it.each(allFaultCases().map((c) => c.name))('%s', (name) => {
    const row = result.rows.find((r) => r.name === name);
    expect(row, `no row for ${name}`).toBeDefined();
    expect(row!.attempted).toBe(PURCHASES);
    const { lost, twice, refusedPayments, grantedUnpaid, undelivered, problems } = row!;
    expect({ lost, twice, refusedPayments, grantedUnpaid, undelivered, problems })
      .toEqual({ lost: 0, twice: 0, refusedPayments: 0, grantedUnpaid: 0, undelivered: 0, problems: [] });
    expect(row!.granted, 'every bill paid on the server is granted').toBe(row!.paid);
  });
});

describe('bad input: refused with its code, and no state changed', () => {
  it.each(BAD_INPUTS.map((b) => b.name))('%s', (name) => {
    const row = result.attacks!.badInputs.find((r) => r.name === name)!;
    expect(row.got).toBe(row.expected);
    expect(row.changed).toEqual([]);
  });
});

describe('tampered results: RESULT_REJECTED by the SDK verifier and in a real game, nothing granted', () => {
  it('accepts the untampered answers (the control)', () => {
    expect(result.attacks!.control).toMatch(/untampered answers accepted$/);
  });

  it.each(FORGED_RESULTS.map((f) => f.name))('%s', (name) => {
    const row = result.attacks!.forged.find((r) => r.name === name)!;
    expect(row.verifier).toMatch(/^RESULT_REJECTED: /);
    expect(row.game).toBe('error:RESULT_REJECTED');
    expect(row.granted).toBe(0);
    expect(row.serverState).toBe(row.realState);
  });

  it('grants the really paid bills once after the attacker leaves, and nothing else', () => {
    const { afterwards } = result.attacks!;
    expect(afterwards.grantedUnderAttack).toBe(0);
    expect(afterwards.grantedAfter).toBe(afterwards.paid);
    expect(afterwards.wronglyGranted).toBe(0);
  });
});
