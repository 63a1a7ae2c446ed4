import { beforeAll, describe, expect, it } from 'vitest';
import { channelsReport } from './channel-report.mjs';
import { allChannelCases, channelCaseLabel, runChannels } from './run-channels.mjs';

// The CI size of the table "Real channels against their emulators" of `npm run faults`: every row at 20 bills (200
// in a default run), then again with each planted fault, which must fail the rows it aims at. It has its own file
// (and budget), like the fulfilment and scale-out tables.
const BILLS = Number(process.env.COINSLOT_FAULTS_PURCHASES ?? 20);
const LABELS = allChannelCases().map(channelCaseLabel);
const rowsNamed = (fault: string) => LABELS.filter((label) => label.includes(fault));

type Result = Awaited<ReturnType<typeof runChannels>>;
let clean: Result;
let acceptForged: Result;
let noQuery: Result;
let lostEvent: Result;
beforeAll(async () => {
  clean = await runChannels({ bills: BILLS });
  console.log(channelsReport(clean).join('\n'));
  acceptForged = await runChannels({ bills: BILLS, plant: 'accept-forged', only: 'forged' });
  noQuery = await runChannels({ bills: BILLS, plant: 'no-query' });
  lostEvent = await runChannels({ bills: BILLS, plant: 'lost-event' });
}, 900_000);

const rowOf = (result: Result, label: string) => {
  const row = result.rows.find((r) => `${r.channel}: ${r.name}` === label);
  if (!row) throw new Error(`no row for ${label}`);
  return row;
};

describe(`real channels against their emulators at ${BILLS} bills: nothing lost, granted twice or granted unpaid`, () => {
  it('has the six faults for each of the four channels', () => {
    expect(LABELS).toHaveLength(24);
    for (const channel of ['stripe', 'alipay', 'wechatpay', 'steam'])
      expect(LABELS.filter((label) => label.startsWith(`${channel}: `))).toHaveLength(6);
  });

  it.each(LABELS)('%s', (label) => {
    const row = rowOf(clean, label);
    // Problems first: a row that stopped with an error says why there.
    const { lost, twice, grantedUnpaid, undelivered, problems } = row;
    expect({ lost, twice, grantedUnpaid, undelivered, problems }).toEqual({
      lost: 0,
      twice: 0,
      grantedUnpaid: 0,
      undelivered: 0,
      problems: [],
    });
    expect(row.bills).toBe(BILLS);
    expect(row.paid, 'some bills are paid').toBeGreaterThan(0);
    expect(row.paid, 'the pay server holds paid what the provider took').toBe(row.paidAtChannel);
    expect(row.granted, 'every bill paid is granted').toBe(row.paid);
    expect(row.reversalsDelivered, 'every reversal reaches the game backend').toBe(row.reversalsExpected);
  });

  it.each([...rowsNamed('duplicate'), ...rowsNamed('out-of-order'), ...rowsNamed('after delivery')])(
    '%s reverses some bills',
    (label) => expect(rowOf(clean, label).reversalsExpected).toBeGreaterThan(0),
  );

  it.each(rowsNamed('forged'))('%s refuses every forged or stale request', (label) => {
    const row = rowOf(clean, label);
    expect(row.attacks).toBeGreaterThan(0);
    expect(row.attacksRefused).toBe(row.attacks);
  });

  it.each(rowsNamed('lost notifications'))('%s settles its bills through the query fallback', (label) => {
    expect(rowOf(clean, label).notes.some((note) => /\d+ bills settled by the query fallback/.test(note))).toBe(true);
  });
});

describe('with a planted fault, the rows it aims at fail', () => {
  it.each(rowsNamed('forged'))(
    'accept-forged (the driver also trusts the attacker’s key; Steam’s believes the client): %s grants unpaid bills',
    (label) => {
      const row = rowOf(acceptForged, label);
      expect(row.grantedUnpaid).toBeGreaterThan(0);
      expect(row.attacksRefused).toBeLessThan(row.attacks);
      expect(acceptForged.ok).toBe(false);
    },
  );

  it.each([...rowsNamed('lost notifications'), ...rowsNamed('late payment')])(
    'no-query (the driver cannot ask its provider): %s loses grants',
    (label) => {
      const row = rowOf(noQuery, label);
      expect(row.lost).toBeGreaterThan(0);
      expect(row.problems.some((p) => p.includes('paid at the provider were never granted'))).toBe(true);
    },
  );

  it('no-query leaves the rows that never need the query fallback clean', () => {
    const needing = [...rowsNamed('lost notifications'), ...rowsNamed('late payment')];
    const others = noQuery.rows.filter((row) => !needing.includes(`${row.channel}: ${row.name}`));
    expect(others.map((row) => [`${row.channel}: ${row.name}`, row.problems])).toEqual(
      others.map((row) => [`${row.channel}: ${row.name}`, []]),
    );
  });

  it.each(LABELS)('lost-event (the outbox marks some events sent without sending them): %s', (label) => {
    const row = rowOf(lostEvent, label);
    expect(row.lost).toBeGreaterThan(0);
    expect(row.problems.some((p) => p.includes('events never reached the game backend'))).toBe(true);
  });
});
