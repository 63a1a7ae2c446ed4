// @ts-check
import { markdownTable } from '../../scripts/lib/table.mjs';

/** @param {import('./channel-accounting.mjs').ChannelRow[]} rows */
export function channelTable(rows) {
  const headers = [
    'channel',
    'fault',
    'bills',
    'paid (provider)',
    'paid (server)',
    'granted (game)',
    'grants lost',
    'granted twice',
    'granted unpaid',
    'reversals delivered (expected / actual)',
    'forged or replayed refused',
    's',
  ];
  return markdownTable(
    headers,
    rows.map((r) =>
      [
        r.channel,
        r.name,
        r.bills,
        r.paidAtChannel,
        r.paid,
        r.granted,
        r.lost,
        r.twice,
        r.grantedUnpaid,
        `${r.reversalsExpected} / ${r.reversalsDelivered}`,
        r.attacks === 0 ? '—' : `${r.attacksRefused} / ${r.attacks}`,
        r.seconds,
      ].map(String),
    ),
  );
}

/**
 * The table "Real channels against their emulators" as report lines: its caption, the table, what each row did and
 * anything wrong.
 * @param {Awaited<ReturnType<typeof import('./run-channels.mjs').runChannels>>} result
 */
export function channelsReport(result) {
  const planted = result.plant ? `; PLANTED FAULT: ${result.plant}` : '';
  const out = [`Real channels against their emulators (${result.bills} bills per row${planted}):`, ''];
  out.push(channelTable(result.rows), '');
  for (const row of result.rows) {
    const label = `${row.channel}: ${row.name}`;
    const notes = row.notes.length > 0 ? ` ${row.notes.join('; ')}.` : '';
    out.push(`- **${label}**: ${result.faultsOf[label]}.${notes}`);
    for (const problem of row.problems) out.push(`  - PROBLEM: ${problem}`);
  }
  return out;
}
