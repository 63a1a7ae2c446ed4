// @ts-check
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { channelRowIsClean } from './channel-accounting.mjs';
import { useChannelSnapshot } from './channel-snapshot.mjs';
import { runChannelCase } from './run-channel-case.mjs';
import { alipayForgedAndReplayed } from './alipay/alipay-attack-row.mjs';
import { alipayDuplicates, alipayOutOfOrder } from './alipay/alipay-order-rows.mjs';
import { alipayRefunds } from './alipay/alipay-reversal-row.mjs';
import { alipayLatePayments, alipayLostNotifications } from './alipay/alipay-time-rows.mjs';
import { wechatpayForgedAndReplayed } from './wechatpay/wechatpay-attack-row.mjs';
import { wechatpayDuplicates, wechatpayOutOfOrder } from './wechatpay/wechatpay-order-rows.mjs';
import { wechatpayRefunds } from './wechatpay/wechatpay-reversal-row.mjs';
import { wechatpayLatePayments, wechatpayLostNotifications } from './wechatpay/wechatpay-time-rows.mjs';
import { steamForgedAndReplayed } from './steam/steam-attack-row.mjs';
import { steamDuplicates, steamOutOfOrder } from './steam/steam-order-rows.mjs';
import { steamReversals } from './steam/steam-reversal-row.mjs';
import { steamLatePayments, steamLostReports } from './steam/steam-time-rows.mjs';
import { stripeForgedAndReplayed } from './stripe/stripe-attack-row.mjs';
import { stripeDuplicates, stripeOutOfOrder } from './stripe/stripe-order-rows.mjs';
import { stripeReversals } from './stripe/stripe-reversal-row.mjs';
import { stripeLatePayments, stripeLostNotifications } from './stripe/stripe-time-rows.mjs';

/** The plants of the drivers (planted-drivers.mjs), as `--plant` names them. */
export const CHANNEL_PLANTS = /** @type {const} */ (['accept-forged', 'no-query']);

/** The plants this table takes: the drivers' and the fulfilment table's. */
const TAKEN = ['accept-forged', 'no-query', 'no-dedup', 'lost-event'];

/**
 * Every row, in table order: each provider under each of its faults.
 * @returns {import('./channel-case.mjs').ChannelCase[]}
 */
export const allChannelCases = () => [
  stripeDuplicates,
  stripeOutOfOrder,
  stripeLostNotifications,
  stripeForgedAndReplayed,
  stripeLatePayments,
  stripeReversals,
  alipayDuplicates,
  alipayOutOfOrder,
  alipayLostNotifications,
  alipayForgedAndReplayed,
  alipayLatePayments,
  alipayRefunds,
  wechatpayDuplicates,
  wechatpayOutOfOrder,
  wechatpayLostNotifications,
  wechatpayForgedAndReplayed,
  wechatpayLatePayments,
  wechatpayRefunds,
  steamDuplicates,
  steamOutOfOrder,
  steamLostReports,
  steamForgedAndReplayed,
  steamLatePayments,
  steamReversals,
];

/**
 * The row of a case that threw before it could be counted: failed, with the error as its problem, so the table (and
 * the other rows) still come out and say which row stopped and why.
 * @param {import('./channel-case.mjs').ChannelCase} channelCase
 * @param {unknown} error
 * @returns {import('./channel-accounting.mjs').ChannelRow}
 */
function stoppedRow(channelCase, error) {
  const where = error instanceof Error ? (error.stack ?? error.message).split('\n').slice(0, 4).join(' ← ') : error;
  return {
    name: channelCase.name,
    channel: channelCase.harness.id,
    bills: 0,
    paid: 0,
    granted: 0,
    lost: 0,
    twice: 0,
    reversalsExpected: 0,
    reversalsDelivered: 0,
    duplicates: 0,
    received: 0,
    undelivered: 0,
    paidAtChannel: 0,
    grantedUnpaid: 0,
    attacks: 0,
    attacksRefused: 0,
    seconds: 0,
    notes: [],
    problems: [`the row stopped with an error, uncounted: ${String(where)}`],
  };
}

/** A row's label in progress lines and for `--only`. @param {import('./channel-case.mjs').ChannelCase} c */
export const channelCaseLabel = (c) => `${c.harness.id}: ${c.name}`;

/**
 * The table "Real channels against their emulators": each row against a fresh emulator, driver, pay server and game
 * backend, `bills` bills each, on a private copy of the builds.
 * @param {{ bills: number, only?: string, plant?: string, build?: boolean, keep?: boolean, progress?: (line: string) => void }} options
 */
export async function runChannels({ bills, only, plant, build, keep, progress }) {
  const started = Date.now();
  const taken = /** @type {import('./channel-case.mjs').ChannelPlant | undefined} */ (
    TAKEN.includes(plant ?? '') ? plant : undefined
  );
  const snapshot = await mkdtemp(path.join(os.tmpdir(), 'coinslot-channels-build-'));
  try {
    const warning = await useChannelSnapshot(snapshot, { build });
    if (warning) progress?.(`warning: ${warning}`);
    const cases = allChannelCases().filter((c) => !only || channelCaseLabel(c).includes(only));
    /** @type {import('./channel-accounting.mjs').ChannelRow[]} */
    const rows = [];
    for (const channelCase of cases) {
      const row = await runChannelCase(channelCase, { bills, plant: taken, keep }).catch((error) =>
        stoppedRow(channelCase, error),
      );
      rows.push(row);
      progress?.(`${channelRowIsClean(row) ? 'ok  ' : 'FAIL'} ${channelCaseLabel(channelCase)} (${row.seconds} s)`);
    }
    return {
      rows,
      bills,
      plant: taken,
      warning,
      faultsOf: Object.fromEntries(cases.map((c) => [channelCaseLabel(c), c.fault])),
      ok: rows.every(channelRowIsClean),
      seconds: Math.round((Date.now() - started) / 1000),
    };
  } finally {
    await rm(snapshot, { recursive: true, force: true });
  }
}
