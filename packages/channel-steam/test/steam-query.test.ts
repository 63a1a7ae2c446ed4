import type { Bill } from '@coinslot/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { steamOrderId } from '../src/server/index.js';
import { createBill, initOrder, startSteamStack, type SteamStack } from './steam-stack.js';

// The query fallback: the server's own sweep asks the Steam driver about bills still unpaid (2, 5, 10 minutes after
// creation, once a minute after expiry); the driver asks Steam (QueryTxn) and captures an authorized order
// (FinalizeTxn). The sweep runs every 20 ms here and the test moves the shared clock instead of waiting minutes.
let stack: SteamStack;
beforeEach(async () => {
  stack = await startSteamStack({ server: { query: { intervalMs: 20 } } });
});
afterEach(() => stack.close());

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits (up to 3 s of real time) until the bill reaches `state`. */
async function until(billId: string, state: Bill['state']): Promise<Bill> {
  for (let waited = 0; waited < 3000; waited += 20) {
    const bill = await stack.bill(billId);
    if (bill.state === state) return bill;
    await sleep(20);
  }
  throw new Error(`bill ${billId} is ${(await stack.bill(billId)).state}, never ${state}`);
}

const calls = (method: string) => stack.steam.calls.filter((call) => call.method === method);

/** A bill whose order Steam showed the player; `answer` is what the player did — and the game never reported it. */
async function unreported(answer?: 'authorize' | 'decline') {
  const { bill, launch } = await createBill(stack);
  await initOrder(launch);
  const orderid = String(launch.orderid);
  await stack.player.overlay.waitFor(orderid);
  if (answer) stack.player.overlay[answer](orderid);
  return { bill, orderid };
}

describe('the query fallback with Steam', () => {
  it('a lost report (the game crashed after the player authorized) is paid at the first checkpoint, captured once', async () => {
    const { bill, orderid } = await unreported('authorize');
    await sleep(100);
    expect((await stack.bill(bill.id)).state).toBe('created');
    stack.clock.advance(2 * 60_000);
    expect(await until(bill.id, 'paid')).toMatchObject({ amount: 499, currency: 'USD' });
    expect(stack.steam.order(orderid)?.status).toBe('Succeeded');
    expect(calls('FinalizeTxn')).toHaveLength(1);
  });

  it('an unreported decline fails the bill at the checkpoint', async () => {
    const { bill } = await unreported('decline');
    stack.clock.advance(2 * 60_000);
    expect(await until(bill.id, 'failed')).toMatchObject({ failureReason: 'declined' });
    expect(calls('FinalizeTxn')).toEqual([]);
  });

  it('a dialog nobody answers stays pending through the checkpoints, and the bill expires', async () => {
    const { bill } = await unreported();
    for (const minutes of [2, 3, 5, 6]) {
      stack.clock.advance(minutes * 60_000);
      await sleep(80);
    }
    expect(calls('QueryTxn').length).toBeGreaterThanOrEqual(4);
    expect((await stack.bill(bill.id)).state).toBe('expired');
    expect(calls('FinalizeTxn')).toEqual([]);
  });

  it('a bill whose order was never started (the game quit before init) stays pending: Steam has no such order', async () => {
    const { bill } = await createBill(stack);
    stack.clock.advance(2 * 60_000);
    await sleep(100);
    expect(calls('QueryTxn').map((call) => call.params.orderid)).toEqual([await steamOrderId(bill.id)]);
    expect(stack.steam.order(await steamOrderId(bill.id))).toBeUndefined();
    expect((await stack.bill(bill.id)).state).toBe('created');
  });

  it('a player who authorized just before expiry is paid late by the query after expiry', async () => {
    const { bill, orderid } = await unreported();
    stack.clock.advance(15 * 60_000 + 1);
    expect((await stack.bill(bill.id)).state).toBe('expired');
    stack.player.overlay.authorize(orderid);
    stack.clock.advance(60_000);
    await until(bill.id, 'paid');
    expect(stack.steam.order(orderid)?.status).toBe('Succeeded');
  });
});
