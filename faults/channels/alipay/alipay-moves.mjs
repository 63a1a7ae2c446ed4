// @ts-check
import { createSign } from 'node:crypto';
import { attackerKey } from '../attacker-key.mjs';
import { alipay } from './alipay-harness.mjs';

/**
 * What the rows make Alipay (its emulator) do: the buyer scanning and paying, refunds, notifications held back or
 * lost and sent later — and what an attacker posts.
 * @typedef {import('@coinslot/testing/emulators').AlipayEmulator} AlipayEmulator
 * @typedef {import('@coinslot/testing/emulators').AlipayNotification} AlipayNotification
 */

/** @param {import('../channel-case.mjs').ChannelRowRun} row */
export const emulatorOf = (row) => /** @type {AlipayEmulator} */ (row.setup.emulator);

/**
 * Creates bill `i` (its trade is precreated at Alipay) and answers its id.
 * @param {import('../channel-case.mjs').ChannelRowRun} row
 * @param {number} i
 */
export const alipayBill = async (row, i) => /** @type {string} */ ((await row.createBill(i)).bill.id);

/**
 * The buyer scans the code and pays; the notification goes as `delivery` says (`hold`: sent later by
 * {@link sendAgain}; `drop`: never).
 * @param {import('../channel-case.mjs').ChannelRowRun} row
 * @param {string} billId
 * @param {'send' | 'hold' | 'drop'} [delivery]
 */
export async function pays(row, billId, delivery = 'send') {
  emulatorOf(row).scan(billId);
  return /** @type {AlipayNotification} */ (await emulatorOf(row).pay(billId, { delivery }));
}

/**
 * The merchant refunds `yuan` (default what is left) of the bill's trade.
 * @param {import('../channel-case.mjs').ChannelRowRun} row
 * @param {string} billId
 * @param {{ yuan?: string, delivery?: 'send' | 'hold' | 'drop' }} [options]
 */
export const refunds = async (row, billId, { yuan, delivery = 'send' } = {}) =>
  /** @type {AlipayNotification} */ (
    await emulatorOf(row).refund(billId, { ...(yuan ? { amount: yuan } : {}), delivery })
  );

/**
 * Delivers a notification's exact bytes (again): a held one late, a duplicate, a retry.
 * @param {import('../channel-case.mjs').ChannelRowRun} row
 * @param {AlipayNotification} notification
 */
export const sendAgain = (row, notification) => emulatorOf(row).redeliver(notification);

/** Beijing time as Alipay writes it (`yyyy-MM-dd HH:mm:ss`). @param {number} ms */
const beijingTime = (ms) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 19).replace('T', ' ');

/**
 * A notification Alipay never made: `params` (the rest as a real trade notification has it) signed with RSA2 —
 * every parameter but `sign` and `sign_type`, sorted, `k=v` joined with `&` — by the attacker's key, not Alipay's.
 * @param {import('../channel-case.mjs').ChannelRowRun} row
 * @param {Record<string, string>} params
 */
export function forgedBody(row, params) {
  const all = {
    notify_time: beijingTime(row.now()),
    notify_type: 'trade_status_sync',
    notify_id: `forged${Math.random().toString(36).slice(2, 14)}`,
    charset: 'utf-8',
    version: '1.0',
    sign_type: 'RSA2',
    app_id: emulatorOf(row).appId,
    trade_no: `2026${String(Math.random()).slice(2, 20)}`,
    total_amount: (alipay.price.amount / 100).toFixed(2),
    ...params,
  };
  const content = Object.keys(all)
    .filter((key) => key !== 'sign' && key !== 'sign_type' && all[/** @type {keyof typeof all} */ (key)] !== '')
    .sort()
    .map((key) => `${key}=${all[/** @type {keyof typeof all} */ (key)]}`)
    .join('&');
  const sign = createSign('RSA-SHA256').update(content, 'utf8').sign(attackerKey().privateKey, 'base64');
  return new URLSearchParams({ ...all, sign }).toString();
}

/**
 * POSTs a form body to the pay server's `/v1/notify/alipay` as whoever sent it; answers the status.
 * @param {import('../channel-case.mjs').ChannelRowRun} row
 * @param {string} body
 */
export async function postNotification(row, body) {
  const response = await fetch(`${row.serverUrl}/v1/notify/alipay`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
    body,
  });
  await response.arrayBuffer();
  return response.status;
}
