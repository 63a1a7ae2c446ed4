import { generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { DriverContext } from '@coinslot/server';
import { describe, expect, it } from 'vitest';
import { createAlipayDriver } from '../src/server/index.js';

// A real notification signed by Alipay, with Alipay's public key, from the official SDK's own tests (the fixture
// names the file and commit). The driver must accept it through its normal verification path, and refuse it once
// any field is changed, removed or added.
const fixture = JSON.parse(
  readFileSync(new URL('./fixtures/alipay-sdk-signed-notification.json', import.meta.url), 'utf8'),
) as {
  alipayPublicKey: string;
  notification: Record<string, string>;
};
const SIGNED_AT = Date.parse('2019-08-15T15:56:25+08:00');

/** Any RSA key will do as the app's private key: nothing is sent to Alipay here. */
const appPrivateKey = generateKeyPairSync('rsa', { modulusLength: 2048 })
  .privateKey.export({ type: 'pkcs8', format: 'pem' })
  .toString();

function driver(appId = fixture.notification.app_id!) {
  return createAlipayDriver({
    appId,
    appPrivateKey,
    alipayPublicKey: fixture.alipayPublicKey,
    gateway: 'http://127.0.0.1:9/gateway.do',
  });
}

const ctx = (now = SIGNED_AT + 60_000): DriverContext => ({
  publicUrl: 'http://127.0.0.1:8787',
  now: () => now,
  logger: { debug() {}, info() {}, warn() {}, error() {} } as unknown as DriverContext['logger'],
});

/** Alipay's POST as the pay server receives it: the form body, exact bytes. */
function post(params: Record<string, string>): [Request, Uint8Array] {
  const body = new TextEncoder().encode(new URLSearchParams(params).toString());
  const request = new Request('http://127.0.0.1:8787/v1/notify/alipay', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
    body,
  });
  return [request, body];
}

const verify = (params: Record<string, string>, context = ctx(), appId?: string) =>
  driver(appId).verifyNotification!(...post(params), context);

/** A different value of the same shape: its first character changed (a base64 signature's padding would not do). */
function tamper(value: string): string {
  const first = value[0]!;
  const next = /\d/.test(first)
    ? String((Number(first) + 1) % 10)
    : /[a-y]/i.test(first)
      ? String.fromCharCode(first.charCodeAt(0) + 1)
      : 'x';
  return next + value.slice(1);
}

describe("the real Alipay-signed notification from alipay-sdk's tests", () => {
  it('verifies through the driver and maps to paid: 0.10 yuan = 10 fen CNY, out_trade_no as the bill, trade_no as its number', async () => {
    await expect(verify(fixture.notification)).resolves.toEqual({
      billId: '20190815155618536-564-57',
      transition: 'paid',
      amount: 10,
      currency: 'CNY',
      channelTradeNo: '2019081522001468450512505578',
    });
  });

  it.each(Object.keys(fixture.notification).filter((key) => key !== 'sign_type'))(
    'is refused once %s is changed',
    async (key) => {
      const changed = { ...fixture.notification, [key]: tamper(fixture.notification[key]!) };
      await expect(verify(changed)).resolves.toMatchObject({ refused: true, reason: 'bad signature' });
    },
  );

  it('is refused with sign_type changed to RSA (SHA-1), or without sign_type', async () => {
    await expect(verify({ ...fixture.notification, sign_type: 'RSA' })).resolves.toMatchObject({ refused: true });
    const { sign_type: _, ...unlabelled } = fixture.notification;
    await expect(verify(unlabelled)).resolves.toMatchObject({ refused: true });
  });

  it.each(['total_amount', 'out_trade_no', 'trade_status', 'sign'])('is refused once %s is removed', async (key) => {
    const { [key]: _, ...rest } = fixture.notification;
    await expect(verify(rest)).resolves.toMatchObject({ refused: true });
  });

  it('is refused once a field is added (refund_fee: a payment turned into a refund)', async () => {
    await expect(verify({ ...fixture.notification, refund_fee: '0.10' })).resolves.toMatchObject({
      refused: true,
      reason: 'bad signature',
    });
  });

  it('is refused as a replay once its notify_time is older than the window (26 h by default)', async () => {
    const late = ctx(SIGNED_AT + 26 * 3600_000 + 1000);
    await expect(verify(fixture.notification, late)).resolves.toMatchObject({ refused: true, reason: /old/ });
  });

  it('is refused by a driver of another app: the same Alipay key signs for every app', async () => {
    await expect(verify(fixture.notification, ctx(), '2021000000000001')).resolves.toMatchObject({
      refused: true,
      reason: /app_id/,
    });
  });
});
