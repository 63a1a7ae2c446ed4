import type { ChannelReversal } from '../channel-driver.js';
import { readStatementFields, STATEMENT_FIELDS, sandboxTradeNo } from './sandbox-messages.js';

/** What the sandbox can do to a paid bill, for development: give (part of) the money back, or lose a dispute. */
export type SandboxReversal = 'refund' | 'chargeback';

/** The reversals the sandbox's notifications carry. */
export const SANDBOX_REVERSALS: readonly SandboxReversal[] = ['refund', 'chargeback'];

/**
 * The sandbox's notification of a reversal: `amount` and `currency` are the original charge, and a refund names
 * `refundedAmount`, the running total refunded so far (like a real channel's, not this refund's part).
 */
export interface SandboxReversalStatement {
  billId: string;
  decision: SandboxReversal;
  amount: number;
  currency: string;
  /** For `refund` only: the total refunded so far, in minor units. */
  refundedAmount?: number;
  issuedAt: number;
}

/** The reason the sandbox gives for each reversal (stored as the bill's `reversalReason`). */
export const SANDBOX_REVERSAL_REASONS: Readonly<Record<SandboxReversal, string>> = {
  refund: 'requested_by_customer',
  chargeback: 'fraudulent',
};

/** Whether an untrusted notification body says it is a reversal (then {@link parseReversal} reads it). */
export function isReversalNotice(value: unknown): boolean {
  const decision = (value as Record<string, unknown> | null)?.decision;
  return typeof decision === 'string' && (SANDBOX_REVERSALS as readonly string[]).includes(decision);
}

/**
 * Reads a reversal notification from untrusted JSON: exactly `billId`, `decision`, `amount`, `currency`,
 * `issuedAt`, and for a refund `refundedAmount` (a positive integer); a string says what is wrong.
 */
export function parseReversal(value: unknown): SandboxReversalStatement | string {
  const refund = isReversalNotice(value) && (value as Record<string, unknown>).decision === 'refund';
  const fields = readStatementFields(value, refund ? [...STATEMENT_FIELDS, 'refundedAmount'] : STATEMENT_FIELDS);
  if (typeof fields === 'string') return fields;
  const { billId, decision, amount, currency, refundedAmount, issuedAt } = fields;
  if (!isReversalNotice(fields)) return 'decision must be refund or chargeback';
  if (refund && (!Number.isSafeInteger(refundedAmount) || (refundedAmount as number) < 1))
    return 'refundedAmount must be a positive integer';
  return {
    billId: billId as string,
    decision: decision as SandboxReversal,
    amount: amount as number,
    currency: currency as string,
    ...(refund ? { refundedAmount: refundedAmount as number } : {}),
    issuedAt: issuedAt as number,
  };
}

/** The reversal a verified statement amounts to, naming the reversed payment's id (`sandboxTradeNo`). */
export function reversalVerdict(s: SandboxReversalStatement): ChannelReversal {
  const common = {
    billId: s.billId,
    amount: s.amount,
    currency: s.currency,
    reason: SANDBOX_REVERSAL_REASONS[s.decision],
    channelTradeNo: sandboxTradeNo(s.billId),
  };
  return s.decision === 'refund'
    ? { ...common, transition: 'refunded', refundedAmount: s.refundedAmount! }
    : { ...common, transition: 'charged_back' };
}
