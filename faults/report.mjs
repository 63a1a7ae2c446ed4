// @ts-check
import { markdownTable } from '../scripts/lib/table.mjs';
import { channelsReport } from './channels/channel-report.mjs';
import { scaleOutReport } from './scale-out/run-scale-out.mjs';

/** @param {Awaited<ReturnType<typeof import('./suite.mjs').runSuite>>['rows']} rows */
export function faultTable(rows) {
  const headers = [
    'case',
    'purchases attempted',
    'paid (server)',
    'granted (ledger)',
    'granted twice',
    'lost',
    'paid at channel, refused by server',
    'granted unpaid',
    'undelivered',
    're-offered to grant',
    's',
  ];
  return markdownTable(
    headers,
    rows.map((r) =>
      [
        r.name,
        r.attempted,
        r.paid,
        r.granted,
        r.twice,
        r.lost,
        r.refusedPayments,
        r.grantedUnpaid,
        r.undelivered,
        r.reoffered,
        r.seconds,
      ].map(String),
    ),
  );
}

/** @param {import('./fulfilment/fulfilment-accounting.mjs').FulfilmentRow[]} rows */
export function fulfilmentTable(rows) {
  const headers = [
    'fault',
    'bills',
    'paid (server)',
    'granted (game)',
    'grants lost',
    'granted twice',
    'reversals delivered (expected / actual)',
    'repeats absorbed',
    'webhooks received',
    'undelivered',
    's',
  ];
  return markdownTable(
    headers,
    rows.map((r) =>
      [
        r.name,
        r.bills,
        r.paid,
        r.granted,
        r.lost,
        r.twice,
        `${r.reversalsExpected} / ${r.reversalsDelivered}`,
        r.duplicates,
        r.received,
        r.undelivered,
        r.seconds,
      ].map(String),
    ),
  );
}

/** @param {NonNullable<Awaited<ReturnType<typeof import('./suite.mjs').runSuite>>['attacks']>} attacks */
export function badInputTable(attacks) {
  return markdownTable(
    ['bad input', 'expected', 'got', 'state unchanged (reads, listings, whole store)', 'ok'],
    attacks.badInputs.map((r) => [
      r.name,
      r.expected,
      r.got,
      r.changed.length === 0 ? 'yes' : r.changed.join('; '),
      r.ok ? 'ok' : 'FAIL',
    ]),
  );
}

/** @param {NonNullable<Awaited<ReturnType<typeof import('./suite.mjs').runSuite>>['attacks']>} attacks */
export function forgedTable(attacks) {
  return markdownTable(
    ['tampered result', 'real state', 'SDK verifier (direct)', 'game purchase', 'granted', 'server state after', 'ok'],
    attacks.forged.map((r) => [
      r.name,
      r.realState,
      r.verifier,
      r.game,
      String(r.granted),
      r.serverState,
      r.ok ? 'ok' : 'FAIL',
    ]),
  );
}

/** @param {NonNullable<Awaited<ReturnType<typeof import('./suite.mjs').runSuite>>['abuse']>} abuse */
export function abuseTable(abuse) {
  return markdownTable(
    ['attack', 'expected', 'got', 'nothing changed (owner reads, listings, whole store)', 'ok'],
    abuse.rows.map((r) => [
      r.name,
      r.expected,
      r.got,
      r.changed.length === 0 ? 'yes' : r.changed.join('; '),
      r.ok ? 'ok' : 'FAIL',
    ]),
  );
}

/** The abuse attacks' sizes, as the table's caption says them. @param {import('./attacks/run-abuse.mjs').AbuseSizes} s */
export const abuseCaption = (s) =>
  `${s.waits.toLocaleString('en-US')} waits on one bill, ${s.signs.toLocaleString('en-US')} signed reads per flood, ${s.creates} creates by one player, ` +
  `${s.players} players from one address, ${s.trickleHeaders} + ${s.trickleBodies} slow-trickle connections`;

/**
 * The whole report as Markdown: the fault table, what each case did, the notes and problems, the attack tables.
 * @param {Awaited<ReturnType<typeof import('./suite.mjs').runSuite>> & {
 *   channels?: Awaited<ReturnType<typeof import('./channels/run-channels.mjs').runChannels>>,
 * }} result
 */
export function renderReport(result) {
  const out = [];
  if (result.rows.length > 0) {
    out.push(faultTable(result.rows), '');
    for (const row of result.rows) {
      out.push(`- **${row.name}**: ${result.faultsOf[row.name]}. ${row.notes.join('; ')}.`);
      for (const problem of row.problems) out.push(`  - PROBLEM: ${problem}`);
    }
  }
  const { fulfilment } = result;
  if (fulfilment) {
    const planted = fulfilment.plant ? `; PLANTED FAULT: ${fulfilment.plant}` : '';
    out.push('', `Fulfilment by the game server (${fulfilment.bills} bills per row${planted}):`, '');
    out.push(fulfilmentTable(fulfilment.rows), '');
    for (const row of fulfilment.rows) {
      out.push(`- **${row.name}**: ${fulfilment.faultsOf[row.name]}. ${row.notes.join('; ')}.`);
      for (const problem of row.problems) out.push(`  - PROBLEM: ${problem}`);
    }
  }
  if (result.scaleOut) out.push('', ...scaleOutReport(result.scaleOut));
  if (result.channels) out.push('', ...channelsReport(result.channels));
  const { attacks } = result;
  if (attacks) {
    out.push('', badInputTable(attacks), '', forgedTable(attacks), '');
    const a = attacks.afterwards;
    out.push(`Controls: ${attacks.control}. Granted while under attack: ${a.grantedUnderAttack}.`);
    out.push(
      `After the attacker left, recover() granted ${a.grantedAfter} of the ${a.paid} really paid bills (once each) and ${a.wronglyGranted} other grants.`,
    );
  }
  const { abuse } = result;
  if (abuse) {
    out.push(
      '',
      `Abuse attacks (${abuse.size} size: ${abuseCaption(abuse.sizes)}${abuse.plant ? `; PLANTED FAULT: ${abuse.plant}` : ''}):`,
      '',
      abuseTable(abuse),
    );
  }
  out.push('', `${result.ok ? 'PASS' : 'FAIL'} in ${result.seconds} s`);
  return out.join('\n');
}
