import type { FormObject } from './form-params.js';
import { optionalInteger, optionalText, rejectUnknownParams } from './form-readers.js';
import { createdFilter, type ListPage } from './list-sessions.js';
import { invalidParam, noSuch } from './stripe-api-error.js';
import { stripeId } from './stripe-ids.js';
import type { StripeLedger } from './stripe-ledger.js';
import type { ChargeObject, DisputeObject, RefundObject } from './stripe-objects.js';

/** A BalanceTransaction (`balance_transaction`), as Stripe documents it; `source` an id, or the object expanded. */
export interface BalanceTransactionObject {
  id: string;
  object: 'balance_transaction';
  amount: number;
  available_on: number;
  created: number;
  currency: string;
  description: string | null;
  exchange_rate: null;
  fee: number;
  fee_details: { amount: number; application: null; currency: string; description: string; type: 'stripe_fee' }[];
  net: number;
  reporting_category: 'charge' | 'refund' | 'dispute';
  source: string | Record<string, unknown>;
  status: 'available' | 'pending';
  type: 'charge' | 'refund' | 'adjustment';
}

/** Each source's transaction id, so a transaction keeps its id across lists (as Stripe's do). */
const ids = new WeakMap<StripeLedger, Map<string, string>>();

function idOf(ledger: StripeLedger, source: string): string {
  let map = ids.get(ledger);
  if (!map) ids.set(ledger, (map = new Map()));
  let id = map.get(source);
  if (!id) map.set(source, (id = stripeId('txn')));
  return id;
}

const DAY_S = 86_400;

/** Stripe's US card pricing, 2.9 % + 30¢, on charges; refunds and disputes here carry no fee. */
function transaction(
  ledger: StripeLedger,
  source: ChargeObject | RefundObject | DisputeObject,
  signed: number,
): BalanceTransactionObject {
  const kind = source.object;
  const fee = kind === 'charge' ? Math.round(source.amount * 0.029) + 30 : 0;
  const description = kind === 'charge' ? null : kind === 'refund' ? 'REFUND FOR CHARGE' : 'Chargeback withdrawal';
  return {
    id: idOf(ledger, source.id),
    object: 'balance_transaction',
    amount: signed,
    available_on: source.created + 2 * DAY_S,
    created: source.created,
    currency: source.currency,
    description,
    exchange_rate: null,
    fee,
    fee_details: fee
      ? [
          {
            amount: fee,
            application: null,
            currency: source.currency,
            description: 'Stripe processing fees',
            type: 'stripe_fee',
          },
        ]
      : [],
    net: signed - fee,
    reporting_category: kind === 'charge' ? 'charge' : kind === 'refund' ? 'refund' : 'dispute',
    source: source.id,
    status: ledger.nowSeconds() >= source.created + 2 * DAY_S ? 'available' : 'pending',
    type: kind === 'dispute' ? 'adjustment' : kind,
  };
}

/** Every balance transaction of the account: a succeeded charge, a refund, a dispute's withdrawal. */
function allTransactions(ledger: StripeLedger): BalanceTransactionObject[] {
  return [
    ...[...ledger.charges.values()]
      .filter((c) => c.status === 'succeeded')
      .map((c) => transaction(ledger, c, c.amount)),
    ...[...ledger.refunds.values()].map((r) => transaction(ledger, r, -r.amount)),
    ...[...ledger.disputes.values()].map((d) => transaction(ledger, d, -d.amount)),
  ];
}

/** `source` expanded as `expand` asks: `data.source`, and `data.source.payment_intent` within it. */
function expanded(ledger: StripeLedger, txn: BalanceTransactionObject, expand: string[]): BalanceTransactionObject {
  if (!expand.includes('data.source')) return txn;
  const id = txn.source as string;
  const source: Record<string, unknown> = structuredClone(
    (ledger.charges.get(id) ?? ledger.refunds.get(id) ?? ledger.disputes.get(id))!,
  ) as unknown as Record<string, unknown>;
  if (expand.includes('data.source.payment_intent'))
    source.payment_intent = structuredClone(ledger.intent(String(source.payment_intent)));
  return { ...txn, source };
}

const EXPANDABLE = ['data.source', 'data.source.payment_intent'];

/**
 * `GET /v1/balance_transactions`: newest first, filtered by `created` and `type`, paged with `limit` (1–100,
 * default 10) and `starting_after`, `expand[]` of `data.source` (and `data.source.payment_intent`) — enough for the
 * official libraries' auto-pagination. Other filters (`payout`, `currency`, `source`, `ending_before`) are refused.
 */
export function listBalanceTransactions(ledger: StripeLedger, params: FormObject): ListPage<BalanceTransactionObject> {
  rejectUnknownParams(params, ['created', 'limit', 'starting_after', 'type', 'expand']);
  const limit = optionalInteger(params, 'limit', 'limit', 1) ?? 10;
  if (limit > 100) throw invalidParam('limit', 'Invalid limit: must be at most 100');
  const expand = params.expand === undefined ? [] : Array.isArray(params.expand) ? params.expand : [params.expand];
  const paths = expand.map((path) => (typeof path === 'string' ? path : ''));
  const bad = paths.find((path) => !EXPANDABLE.includes(path));
  if (bad !== undefined) throw invalidParam('expand', `This property cannot be expanded (${bad}).`);
  const inRange = createdFilter(params);
  const type = optionalText(params, 'type');
  const all = allTransactions(ledger)
    .filter((txn) => inRange(txn.created) && (type === undefined || txn.type === type))
    .sort((a, b) => b.created - a.created || (a.id < b.id ? 1 : -1));
  const after = optionalText(params, 'starting_after');
  let start = 0;
  if (after !== undefined) {
    start = all.findIndex((txn) => txn.id === after) + 1;
    if (start === 0) throw noSuch('balance_transaction', after, 'starting_after');
  }
  const data = all.slice(start, start + limit).map((txn) => expanded(ledger, txn, paths));
  return { object: 'list', data, has_more: start + limit < all.length, url: '/v1/balance_transactions' };
}
