import { beforeAll, describe, expect, it } from 'vitest';
import { allFaultCases } from './cases/all-cases.mjs';
import { BAD_INPUTS } from './attacks/bad-inputs.mjs';
import { IDENTITY_ATTACKS } from './attacks/identity-attacks.mjs';
import { ABUSE_SIZES } from './attacks/run-abuse.mjs';
import { START_REFUSALS } from './attacks/start-refusals.mjs';
import { FORGED_RESULTS } from './attacks/forged-results.mjs';
import { renderReport } from './report.mjs';
import { runSuite } from './suite.mjs';

// The CI size of `npm run faults`: every case at 20 purchases (2 game processes), every bad input and forged result
// in full, the abuse attacks at their CI size (ABUSE_SIZES.ci: 200 waits on one bill instead of 2,000, …). The
// fulfilment rows have their own file (fulfilment.test.ts).
const PURCHASES = Number(process.env.COINSLOT_FAULTS_PURCHASES ?? 20);

let result: Awaited<ReturnType<typeof runSuite>>;
beforeAll(async () => {
  result = await runSuite({ purchases: PURCHASES, games: 2, abuseSize: 'ci', fulfilment: false });
  console.log(renderReport(result));
}, 900_000);

describe(`fault cases at ${PURCHASES} purchases: nothing lost, nothing granted twice`, () => {
  it.each(allFaultCases().map((c) => c.name))('%s', (name) => {
    const row = result.rows.find((r) => r.name === name);
    expect(row, `no row for ${name}`).toBeDefined();
    expect(row!.attempted).toBe(PURCHASES);
    const { lost, twice, refusedPayments, grantedUnpaid, undelivered, problems } = row!;
    expect({ lost, twice, refusedPayments, grantedUnpaid, undelivered, problems }).toEqual({
      lost: 0,
      twice: 0,
      refusedPayments: 0,
      grantedUnpaid: 0,
      undelivered: 0,
      problems: [],
    });
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

describe(`abuse attacks at the CI size (${ABUSE_SIZES.ci.waits} waits on one bill): refused as expected, nothing changed`, () => {
  const names = [
    ...IDENTITY_ATTACKS.map((a) => a.name),
    ...START_REFUSALS.map((r) => r.name),
    'key swap over http://: the SDK on a non-local http:// server, no pinned keys',
    'key swap over http://: pinned keys, a declined payment, /v1/keys and the result swapped',
  ];
  it.each(names)('%s', (name) => {
    const row = result.abuse!.rows.find((r) => r.name === name);
    expect(row, `no row for ${name}`).toBeDefined();
    expect(row!.changed).toEqual([]);
    expect(row!.ok, `expected ${row!.expected}, got ${row!.got}`).toBe(true);
  });

  it('every abuse limit holds (waits, signing, creates, slow trickles), and both servers stay up', () => {
    const limits = result.abuse!.rows.filter((r) => r.kind === 'limits');
    expect(limits.map((r) => r.name)).toHaveLength(7);
    expect(limits.filter((r) => !r.ok).map((r) => `${r.name}: ${r.got}; ${r.changed.join('; ')}`)).toEqual([]);
    expect(result.abuse!.alive).toBe(true);
  });
});
