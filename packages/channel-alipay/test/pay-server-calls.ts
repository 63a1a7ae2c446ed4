import { randomUUID } from 'node:crypto';
import type { AlipayStack } from './alipay-stack.js';

/** `POST /v1/bills` for the gem pack (development auth): the bill and its launch payload. */
export async function createBill(stack: AlipayStack, userId = `player-${randomUUID().slice(0, 8)}`) {
  const response = await fetch(`${stack.url}/v1/bills`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID() },
    body: JSON.stringify({ userId, itemId: 'gem-pack', quantity: 1, currency: 'CNY', channel: 'alipay' }),
  });
  if (response.status !== 201 && response.status !== 200)
    throw new Error(`POST /v1/bills answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as { bill: { id: string; amount: number }; launch: Record<string, string> };
}

/** The event types the pay server recorded for `billId`, in order (`GET /v1/events`). */
export async function eventTypes(stack: AlipayStack, billId: string): Promise<string[]> {
  const response = await fetch(`${stack.url}/v1/events?after=0`);
  if (!response.ok) throw new Error(`GET /v1/events answered ${response.status}`);
  const { events } = (await response.json()) as {
    events: Array<{ type: string; data: { bill: { id: string } } }>;
  };
  return events.filter((event) => event.data.bill.id === billId).map((event) => event.type);
}

/** POSTs `body` to `/v1/notify/alipay` as given: the status and the answer's text. */
export async function notify(stack: AlipayStack, body: string, type = 'application/x-www-form-urlencoded') {
  const response = await fetch(`${stack.url}/v1/notify/alipay`, {
    method: 'POST',
    headers: { 'content-type': type },
    body,
  });
  return { status: response.status, answer: await response.text() };
}

/** What the stack's driver makes of a notification Alipay sent (`params`, signed), read again outside the server. */
export function driverVerdict(stack: AlipayStack, params: Readonly<Record<string, string>>) {
  const body = new TextEncoder().encode(new URLSearchParams(params).toString());
  const request = new Request(`${stack.url}/v1/notify/alipay`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
    body,
  });
  const logger = { debug() {}, info() {}, warn() {}, error() {} };
  return stack.driver.verifyNotification!(request, body, { publicUrl: stack.url, now: stack.clock.now, logger });
}
