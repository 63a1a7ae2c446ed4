import { afterEach, describe, expect, it } from 'vitest';
import { createSandboxDriver, type ChannelDriver, type NotificationVerification } from '../src/index.js';
import { SANDBOX_SECRET, call, closeAllServers, newBill, readBill, startTestServer } from './helpers.js';

afterEach(closeAllServers);

/**
 * A channel whose provider sends every event type to the webhook. Its driver maps `checkout.succeeded` and ignores
 * the rest once verified ("signed" here is a header the test sets; a real driver checks the signature).
 */
const webhooky: ChannelDriver = {
  id: 'webhooky',
  resultSource: ['server'],
  launch: () => ({}),
  async verifyNotification(request, rawBody): Promise<NotificationVerification> {
    if (request.headers.get('x-signed') !== 'yes') return { refused: true, reason: 'bad signature' };
    const event = JSON.parse(new TextDecoder().decode(rawBody)) as {
      type: string;
      billId: string;
      amount: number;
      currency: string;
    };
    if (event.type === 'balance.settled')
      return { ignored: true, reason: 'a payout', response: new Response('success', { status: 200 }) };
    if (event.type !== 'checkout.succeeded') return { ignored: true, reason: `unmapped event type ${event.type}` };
    return { billId: event.billId, transition: 'paid', amount: event.amount, currency: event.currency };
  },
};

function recordingLogger() {
  const lines: Array<{ level: string; message: string; data?: object }> = [];
  const at = (level: string) => (message: string, data?: object) =>
    void lines.push({ level, message, ...(data ? { data } : {}) });
  return { lines, logger: { info: at('info'), warn: at('warn'), error: at('error') } };
}

async function start() {
  const { lines, logger } = recordingLogger();
  const server = await startTestServer({
    drivers: [createSandboxDriver({ secret: SANDBOX_SECRET }), webhooky],
    logger,
  });
  return { server, lines };
}

const notify = (server: { url: string }, event: Record<string, unknown>, signed = true) =>
  call(server, '/v1/notify/webhooky', { json: event, headers: signed ? { 'x-signed': 'yes' } : {} });

describe('POST /v1/notify/:channel — a verified event the driver ignores', () => {
  it('answers with the response the driver gives for the channel (e.g. Alipay’s plain `success`) and changes nothing', async () => {
    const { server } = await start();
    const bill = await newBill(server, { channel: 'webhooky' });
    const payout = { type: 'balance.settled', billId: bill.id, amount: bill.amount, currency: bill.currency };
    expect(await notify(server, payout)).toMatchObject({ status: 200, body: 'success' });
    expect(await readBill(server, bill.id)).toEqual(bill);
  });

  it('answers 200 { ok: true, ignored: true }, changes nothing, and logs the reason at info', async () => {
    const { server, lines } = await start();
    const bill = await newBill(server, { channel: 'webhooky' });
    lines.length = 0;
    const refund = { type: 'refund.created', billId: bill.id, amount: bill.amount, currency: bill.currency };
    expect(await notify(server, refund)).toMatchObject({ status: 200, body: { ok: true, ignored: true } });
    expect(await notify(server, refund)).toMatchObject({ status: 200, body: { ok: true, ignored: true } });
    expect(await readBill(server, bill.id)).toEqual(bill);
    const ignored = {
      level: 'info',
      message: 'notification ignored',
      data: { channel: 'webhooky', reason: 'unmapped event type refund.created' },
    };
    expect(lines).toEqual([ignored, ignored]);
  });

  it('needs no bill: an ignored event about an unknown bill is still 200, not 404', async () => {
    const { server } = await start();
    expect(await notify(server, { type: 'payout.paid', billId: 'b_no_such_bill' })).toMatchObject({
      status: 200,
      body: { ok: true, ignored: true },
    });
  });

  it('leaves refusals and verdicts as they were: unsigned is 400, a mapped event still pays the bill', async () => {
    const { server, lines } = await start();
    const bill = await newBill(server, { channel: 'webhooky' });
    lines.length = 0;
    const paid = { type: 'checkout.succeeded', billId: bill.id, amount: bill.amount, currency: bill.currency };
    expect(await notify(server, { ...paid, type: 'refund.created' }, false)).toMatchObject({
      status: 400,
      body: { error: { code: 'INVALID_NOTIFICATION' } },
    });
    expect(await notify(server, paid)).toMatchObject({ status: 200, body: { ok: true } });
    expect((await readBill(server, bill.id)).state).toBe('paid');
    expect(lines.map((line) => `${line.level} ${line.message}`)).toEqual([
      'warn notification refused',
      'info bill notified',
    ]);
  });
});
