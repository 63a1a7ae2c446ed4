import { BILL_TOKEN_PREFIX, isBillId, isChannelId, type CreateBillResponse } from '@coinslot/protocol';
import { CoinslotError } from '../errors/coinslot-error.js';
import { isRecord } from '../internal/guards.js';
import { brokenRule, DEADLINE_RULE, SIGNAL_RULE, type Rule } from '../internal/rules.js';
import type { PurchaseResult } from '../results/purchase-result.js';
import type { PurchaseContext } from './purchase-context.js';
import { beginPurchase } from './start-purchase.js';

/** Options of {@link Coinslot.purchaseBill}. */
export interface PurchaseBillOptions {
  /** Aborts the purchase: the adapter is told, the wait stops, the promise rejects with `ABORTED`. */
  signal?: AbortSignal;
  /** How long to wait for the result, in ms. @default the `defaultDeadlineMs` option */
  deadlineMs?: number;
}

// The create's answer, flattened so each rule names the field the game passed wrong. The token's value is never shown.
const RULES: readonly Rule[] = [
  ['bill.id', isBillId, 'a bill id (1–64 characters of A-Z, a-z, 0-9, _ and -)'],
  ['bill.channel', isChannelId, 'a channel id'],
  ['launch', isRecord, "the create's launch payload (an object)"],
  [
    'billToken',
    (token) => typeof token === 'string' && token.length > 4 && token.startsWith(BILL_TOKEN_PREFIX),
    `the create's bill token (${BILL_TOKEN_PREFIX}…)`,
  ],
  DEADLINE_RULE,
  SIGNAL_RULE,
];

function problemOf(created: unknown, options: PurchaseBillOptions): string | undefined {
  if (!isRecord(created) || !isRecord(created.bill))
    return "it must be what your backend's create answered: { bill, launch, billToken }";
  const { id, channel } = created.bill;
  return brokenRule({ ...options, 'bill.id': id, 'bill.channel': channel, ...created }, RULES);
}

/**
 * `purchaseBill()`: follow a bill the game backend created with its server key, from its create's answer. The bill
 * is read first with its token — a token the server refuses stops here, before anything is journalled or launched,
 * and the read says whether the bill is still open — then it goes on exactly as `purchase()` after its create.
 */
export function purchaseBill(
  ctx: PurchaseContext,
  created: CreateBillResponse,
  options: PurchaseBillOptions = {},
): Promise<PurchaseResult> {
  const problem = problemOf(created, options);
  if (problem !== undefined)
    return Promise.reject(new CoinslotError('INVALID_REQUEST', `Invalid bill to purchase: ${problem}.`));
  const { bill, launch, billToken } = created;
  return beginPurchase(ctx, {
    ...options,
    channel: bill.channel,
    bill: async (signal) => ({ bill: await ctx.client.getBill(bill.id, signal, billToken), launch, billToken }),
  });
}
