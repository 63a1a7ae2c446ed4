// @ts-check
import { createCipheriv, createSign, randomBytes } from 'node:crypto';
import { attackerKey } from '../attacker-key.mjs';
import { wechatpay } from './wechatpay-harness.mjs';

/**
 * What the rows make WeChat Pay (its emulator) do: the player scanning and paying, refunds, notifications held,
 * lost, re-sent or replayed — and what an attacker posts.
 * @typedef {import('@coinslot/testing/emulators').WechatPayEmulator} WechatPayEmulator
 * @typedef {import('@coinslot/testing/emulators').WechatPaySentNotification} SentNotification
 * @typedef {import('@coinslot/testing/emulators').WechatPayDelivery} Delivery
 */

/** @param {import('../channel-case.mjs').ChannelRowRun} row */
export const emulatorOf = (row) => /** @type {WechatPayEmulator} */ (row.setup.emulator);

/**
 * Creates bill `i` (the driver places its Native order) and answers its id and QR code text.
 * @param {import('../channel-case.mjs').ChannelRowRun} row
 * @param {number} i
 */
export async function wechatBill(row, i) {
  const { bill, launch } = await row.createBill(i);
  return { billId: /** @type {string} */ (bill.id), codeUrl: /** @type {string} */ (launch.codeUrl) };
}

/**
 * The player scans the code and pays (`SUCCESS`, notified as `delivery` says) or the bank refuses (`PAYERROR`,
 * never notified: WeChat Pay notifies successful payments only).
 * @param {import('../channel-case.mjs').ChannelRowRun} row
 * @param {string} codeUrl
 * @param {{ result?: 'SUCCESS' | 'PAYERROR', delivery?: Delivery }} [options]
 */
export const scans = async (row, codeUrl, { result = 'SUCCESS', delivery = 'send' } = {}) =>
  /** @type {SentNotification} */ (await emulatorOf(row).scan(codeUrl, { result, delivery }));

/**
 * The merchant refunds `amount` fen (default what is left); `REFUND.SUCCESS` is notified as `delivery` says.
 * @param {import('../channel-case.mjs').ChannelRowRun} row
 * @param {string} billId
 * @param {{ amount?: number, delivery?: Delivery }} [options]
 */
export const refunds = (row, billId, options = {}) => emulatorOf(row).refund(billId, options);

/**
 * Posts a notification again as WeChat Pay's retry does (the same id and body, signed afresh).
 * @param {import('../channel-case.mjs').ChannelRowRun} row
 * @param {SentNotification} notification
 */
export const resend = (row, notification) => emulatorOf(row).resend(notification);

/** RFC 3339 in China Standard Time, as WeChat Pay writes its times. @param {number} ms */
const chinaTime = (ms) => `${new Date(Math.floor(ms / 1000) * 1000 + 8 * 3_600_000).toISOString().slice(0, 19)}+08:00`;

/**
 * Posts a notification WeChat Pay never made: `resource` encrypted as WeChat Pay encrypts (AEAD_AES_256_GCM with the
 * APIv3 key — an attacker who learned it), the envelope signed SHA256withRSA over `timestamp\nnonce\nbody\n` by the
 * attacker's key, under WeChat Pay's own key id. Answers the pay server's status.
 * @param {import('../channel-case.mjs').ChannelRowRun} row
 * @param {{ eventType: string, originalType: 'transaction' | 'refund', resource: Record<string, unknown> }} content
 */
export async function postForged(row, { eventType, originalType, resource }) {
  const emulator = emulatorOf(row);
  const nonce = randomBytes(6).toString('hex');
  const cipher = createCipheriv('aes-256-gcm', Buffer.from(emulator.merchant.apiV3Key), Buffer.from(nonce));
  cipher.setAAD(Buffer.from(originalType));
  const sealed = Buffer.concat([cipher.update(JSON.stringify(resource)), cipher.final(), cipher.getAuthTag()]);
  const body = JSON.stringify({
    id: `EV-${randomBytes(10).toString('hex')}`,
    create_time: chinaTime(row.now()),
    resource_type: 'encrypt-resource',
    event_type: eventType,
    summary: 'forged',
    resource: {
      original_type: originalType,
      algorithm: 'AEAD_AES_256_GCM',
      ciphertext: sealed.toString('base64'),
      associated_data: originalType,
      nonce,
    },
  });
  const timestamp = Math.floor(row.now() / 1000);
  const headerNonce = randomBytes(16).toString('hex');
  const signature = createSign('RSA-SHA256')
    .update(`${timestamp}\n${headerNonce}\n${body}\n`)
    .sign(attackerKey().privateKey, 'base64');
  const response = await fetch(`${row.serverUrl}/v1/notify/wechatpay`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'wechatpay-timestamp': String(timestamp),
      'wechatpay-nonce': headerNonce,
      'wechatpay-signature': signature,
      'wechatpay-serial': emulator.platformKey.id,
    },
    body,
  });
  await response.arrayBuffer();
  return response.status;
}

/**
 * A paid transaction of the bill's order, as WeChat Pay's notification would state it.
 * @param {import('../channel-case.mjs').ChannelRowRun} row
 * @param {string} billId
 */
export function paidTransaction(row, billId) {
  const { merchant } = emulatorOf(row);
  const { amount } = wechatpay.price;
  return {
    appid: merchant.appid,
    mchid: merchant.mchid,
    out_trade_no: billId,
    transaction_id: `42${String(Math.random()).slice(2, 18).padEnd(26, '0')}`,
    trade_type: 'NATIVE',
    trade_state: 'SUCCESS',
    success_time: chinaTime(row.now()),
    amount: { total: amount, payer_total: amount, currency: 'CNY', payer_currency: 'CNY' },
  };
}
