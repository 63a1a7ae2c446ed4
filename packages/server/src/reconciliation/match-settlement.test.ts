import type { Bill } from '@coinslot/protocol';
import { describe, expect, it } from 'vitest';
import type { SettlementRecord } from '../drivers/settlement.js';
import { matchSettlement } from './match-settlement.js';
import { settlementWindow } from './settlement-window.js';

// 2026-03-10 in Asia/Shanghai (UTC+8): [2026-03-09T16:00Z, 2026-03-10T16:00Z).
const day = settlementWindow('2026-03-10', 'Asia/Shanghai')!;
const at = (iso: string) => Date.parse(iso);

const bill = (id: string, fields: Partial<Bill>): Bill => ({
  id,
  appId: 'default',
  userId: 'u',
  itemId: 'gem',
  quantity: 1,
  amount: 499,
  currency: 'CNY',
  channel: 'alipay',
  state: 'paid',
  createdAt: 0,
  updatedAt: 0,
  expiresAt: 0,
  ...fields,
});

const line = (
  billId: string | undefined,
  kind: SettlementRecord['kind'],
  amount = 499,
  currency = 'CNY',
): SettlementRecord => ({
  channel: 'alipay',
  billId,
  channelTradeNo: `T-${billId ?? 'none'}-${kind}`,
  kind,
  amount,
  currency,
  occurredAt: at('2026-03-10T04:00:00Z'),
  raw: {},
});

async function kinds(billsNear: Bill[], lines: SettlementRecord[], old: Bill[] = []) {
  const items = await matchSettlement({ lines, day, billsNear, getBill: async (id) => old.find((b) => b.id === id) });
  return Object.fromEntries(items.map((item) => [item.billId ?? item.channelTradeNo, item.kind]));
}

describe('matchSettlement', () => {
  it('takes the settlement day in the channel’s zone, midnight to midnight', () => {
    expect(day).toEqual({ from: at('2026-03-09T16:00:00Z'), to: at('2026-03-10T16:00:00Z') });
  });

  it('applies the day rule near midnight', async () => {
    const lastMinutes = bill('b_late', { paidAt: at('2026-03-10T15:50:00Z') });
    const beforeLast = bill('b_evening', { paidAt: at('2026-03-10T15:40:00Z') });
    const eveBefore = bill('b_eve', { paidAt: at('2026-03-09T15:58:00Z') });
    const eveUnsettled = bill('b_eve2', { paidAt: at('2026-03-09T15:55:00Z') });
    expect(await kinds([lastMinutes, beforeLast, eveBefore, eveUnsettled], [line('b_eve', 'payment')])).toEqual({
      b_late: 'deferred',
      b_evening: 'missing-at-channel',
      b_eve: 'matched',
    });
  });

  it('tells amount, currency and state mismatches apart, and reads an old bill by its id', async () => {
    const near = [
      bill('b_amount', { paidAt: day.from + 1 }),
      bill('b_currency', { paidAt: day.from + 1 }),
      bill('b_chargeback', { state: 'delivered', paidAt: day.from + 1 }),
      bill('b_partial', { state: 'refunded', paidAt: day.from + 1, refundedAt: day.from + 2, refundedAmount: 100 }),
      bill('b_refunded_here', { state: 'refunded', paidAt: 5, refundedAt: day.from + 3, refundedAmount: 499 }),
      bill('b_unpaid', { state: 'expired' }),
    ];
    const old = [
      bill('b_old', { state: 'refunded', paidAt: 5, refundedAt: day.from + 4, refundedAmount: 200 }),
      near[5]!,
    ];
    const lines = [
      line('b_amount', 'payment', 399),
      line('b_currency', 'payment', 499, 'USD'),
      line('b_chargeback', 'payment'),
      line('b_chargeback', 'chargeback'),
      line('b_partial', 'payment'),
      line('b_partial', 'refund', 150),
      line('b_old', 'refund', 200),
      line('b_unpaid', 'payment'),
      line(undefined, 'payment'),
    ];
    expect(await kinds(near, lines, old)).toEqual({
      b_amount: 'amount-mismatch',
      b_currency: 'currency-mismatch',
      b_chargeback: 'state-mismatch',
      b_partial: 'state-mismatch',
      b_refunded_here: 'state-mismatch',
      b_old: 'matched',
      b_unpaid: 'missing-here',
      'T-none-payment': 'missing-here',
    });
  });
});
