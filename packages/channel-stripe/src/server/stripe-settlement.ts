import type { DriverContext, SettlementDay, SettlementRecord } from '@coinslot/server';
import { settlementWindow } from '@coinslot/server';
import type Stripe from 'stripe';
import { STRIPE_CHANNEL_ID } from '../channel-id.js';
import { idOf, isJsonObject, type JsonObject, metadataOf } from './object-fields.js';
import { fromStripeAmount } from './stripe-amounts.js';
import { STRIPE_METADATA } from './stripe-metadata.js';

/** What each balance transaction type moved, for reconciliation; other types (fees, payouts, transfers) are skipped. */
const KIND_OF: Readonly<Record<string, SettlementRecord['kind']>> = {
  charge: 'payment',
  payment: 'payment',
  refund: 'refund',
  payment_refund: 'refund',
};

/** A balance transaction's kind: a dispute's withdrawal is an `adjustment` whose source is the dispute. */
function kindOf(txn: Stripe.BalanceTransaction, source: JsonObject | undefined): SettlementRecord['kind'] | undefined {
  if (txn.type === 'adjustment' && source?.object === 'dispute' && txn.amount < 0) return 'chargeback';
  return KIND_OF[txn.type];
}

/** One balance transaction as a settlement line: the bill id from its PaymentIntent's metadata (expanded). */
export function settlementLine(txn: Stripe.BalanceTransaction): SettlementRecord | undefined {
  const source = isJsonObject(txn.source) ? (txn.source as unknown as JsonObject) : undefined;
  const kind = kindOf(txn, source);
  if (!kind) return undefined;
  const intent = source && isJsonObject(source.payment_intent) ? source.payment_intent : undefined;
  const currency = txn.currency.toUpperCase();
  return {
    channel: STRIPE_CHANNEL_ID,
    billId: (intent && metadataOf(intent, STRIPE_METADATA.billId)) ?? undefined,
    channelTradeNo: (source && idOf(source, 'payment_intent')) ?? undefined,
    kind,
    amount: fromStripeAmount(Math.abs(txn.amount), currency),
    currency,
    occurredAt: txn.created * 1000,
    raw: {
      balance_transaction_id: txn.id,
      type: txn.type,
      reporting_category: txn.reporting_category,
      amount: String(txn.amount),
      fee: String(txn.fee),
      net: String(txn.net),
      currency: txn.currency,
      source_id: idOf(txn as unknown as JsonObject, 'source') ?? '',
      created: String(txn.created),
    },
  };
}

/**
 * Stripe's settlement of `day`: its balance transactions created in the day's window (Stripe's `created`, UTC
 * seconds), every page through the official library's auto-pagination, each with its source and the source's
 * PaymentIntent expanded so the bill id in the PaymentIntent's metadata is known.
 */
export async function fetchStripeSettlement(
  stripe: Stripe,
  day: SettlementDay,
  _ctx: DriverContext,
): Promise<SettlementRecord[]> {
  const window = settlementWindow(day.date, day.timeZone);
  if (!window) throw new RangeError(`not a settlement day: ${day.date} in ${day.timeZone}`);
  const list = stripe.balanceTransactions.list({
    created: { gte: Math.floor(window.from / 1000), lt: Math.ceil(window.to / 1000) },
    limit: 100,
    expand: ['data.source', 'data.source.payment_intent'],
  });
  const lines: SettlementRecord[] = [];
  for await (const txn of list) {
    const line = settlementLine(txn);
    if (line) lines.push(line);
  }
  return lines;
}
