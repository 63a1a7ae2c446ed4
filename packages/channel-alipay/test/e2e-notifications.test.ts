import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AlipayStack, startAlipayStack } from './alipay-stack.js';
import { createBill, eventTypes, notify } from './pay-server-calls.js';

// What reaches POST /v1/notify/alipay and what the pay server makes of it: Alipay's signed notifications from the
// emulator, repeated, forged, replayed or malformed. Each refusal leaves the bill as it was.
let stack: AlipayStack;
beforeAll(async () => void (stack = await startAlipayStack('precreate')));
afterAll(() => stack.close());

const NOTIFY = () => `${stack.url}/v1/notify/alipay`;

/** A scanned and paid trade whose notification Alipay has not sent yet (held), and its bill. */
async function heldPayment() {
  const { bill } = await createBill(stack);
  stack.emulator.scan(bill.id);
  const notification = (await stack.emulator.pay(bill.id, { delivery: 'hold' }))!;
  return { billId: bill.id, notification };
}

describe('Alipay notifications at the pay server', () => {
  it('is acknowledged with the plain text "success" once applied', async () => {
    const { billId, notification } = await heldPayment();
    const response = await fetch(NOTIFY(), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
      body: notification.body,
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(await response.text()).toBe('success');
    expect(await stack.bill(billId)).toMatchObject({ state: 'paid' });
  });

  it('duplicate: the same notification delivered twice is applied once (one bill.paid) and both are answered "success"', async () => {
    const { billId, notification } = await heldPayment();
    await stack.emulator.redeliver(notification);
    await stack.emulator.redeliver(notification);
    expect(notification.attempts).toEqual([
      { status: 200, answer: 'success' },
      { status: 200, answer: 'success' },
    ]);
    expect(await eventTypes(stack, billId)).toEqual(['bill.paid']);
  });

  it('forged: signed with another key, or changed after Alipay signed it — refused 400, the bill stays created', async () => {
    const { billId, notification } = await heldPayment();
    const forgeries = [
      await stack.emulator.forge(notification),
      await stack.emulator.forge(notification, { changes: { total_amount: '0.01' } }),
      await stack.emulator.forge(notification, { changes: { total_amount: '0.01' }, signer: 'unchanged' }),
      await stack.emulator.forge(notification, { changes: { out_trade_no: 'b_someone_else' }, signer: 'unchanged' }),
      await stack.emulator.forge(notification, { changes: { sign_type: 'RSA' }, signer: 'unchanged' }),
    ];
    for (const forged of forgeries) {
      expect(forged.status).toBe(400);
      expect(JSON.parse(forged.answer)).toMatchObject({ error: { code: 'INVALID_NOTIFICATION' } });
    }
    expect(await stack.bill(billId)).toMatchObject({ state: 'created' });
    expect(await eventTypes(stack, billId)).toEqual([]);
  });

  it('replayed: a captured notification sent again within the window is a harmless repeat; after 26 h it is refused', async () => {
    const { billId, notification } = await heldPayment();
    await stack.emulator.releaseHeld();
    const again = await notify(stack, notification.body);
    expect(again).toEqual({ status: 200, answer: 'success' });
    stack.clock.advance(26 * 3600_000 + 60_000);
    const replayed = await notify(stack, notification.body);
    expect(replayed.status).toBe(400);
    expect(replayed.answer).toMatch(/notify_time is \d+ s old/);
    expect(await eventTypes(stack, billId)).toEqual(['bill.paid']);
    stack.clock.advance(-(26 * 3600_000 + 60_000));
  });

  it('signed by Alipay but wrong for the bill: another amount → 400, an unknown bill → 404, another app → 400', async () => {
    const { billId, notification } = await heldPayment();
    const base = { ...notification.params };
    delete base.sign;
    const wrongAmount = await stack.emulator.sendSigned(NOTIFY(), { ...base, total_amount: '0.01' });
    expect(wrongAmount.attempts[0]?.status).toBe(400);
    const unknown = await stack.emulator.sendSigned(NOTIFY(), { ...base, out_trade_no: 'b_nobody_has_this_one' });
    expect(unknown.attempts[0]?.status).toBe(404);
    const otherApp = await stack.emulator.sendSigned(NOTIFY(), { ...base, app_id: '2021000000009999' });
    expect(otherApp.attempts[0]?.status).toBe(400);
    expect(await stack.bill(billId)).toMatchObject({ state: 'created' });
  });

  it('malformed: JSON, a parameter given twice, bytes that are not UTF-8, no sign — refused 400', async () => {
    const { billId, notification } = await heldPayment();
    expect((await notify(stack, JSON.stringify(notification.params), 'application/json')).status).toBe(400);
    expect((await notify(stack, `${notification.body}&total_amount=0.01`)).status).toBe(400);
    const latin1 = await fetch(NOTIFY(), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new Uint8Array([0x73, 0x75, 0x62, 0x6a, 0x65, 0x63, 0x74, 0x3d, 0xe9]),
    });
    expect(latin1.status).toBe(400);
    const unsigned = new URLSearchParams(notification.body);
    unsigned.delete('sign');
    expect((await notify(stack, unsigned.toString())).status).toBe(400);
    expect(await stack.bill(billId)).toMatchObject({ state: 'created' });
  });
});
