import type { ChannelTransition, ChannelVerdict } from '../channel-driver.js';

/** What the sandbox player can decide on the checkout page. */
export type SandboxDecision = 'approve' | 'decline' | 'cancel';

/** The decisions, in button order. */
export const SANDBOX_DECISIONS: readonly SandboxDecision[] = ['approve', 'decline', 'cancel'];

/** The sandbox's statement about a bill: the body of its notification, and a proof without its signature. */
export interface SandboxStatement {
  billId: string;
  decision: SandboxDecision;
  amount: number;
  currency: string;
  issuedAt: number;
}

/** A client-mode receipt: the statement and its HMAC. */
export interface SandboxProof extends SandboxStatement {
  /** Hex HMAC-SHA256 of {@link proofSigningText}. */
  signature: string;
}

const TRANSITIONS: Record<SandboxDecision, ChannelTransition> = {
  approve: 'paid',
  decline: 'failed',
  cancel: 'cancelled',
};

/** The members every sandbox statement has (a refund adds `refundedAmount`). */
export const STATEMENT_FIELDS: readonly string[] = ['billId', 'decision', 'amount', 'currency', 'issuedAt'];

/** The text a proof's signature covers. */
export function proofSigningText(s: SandboxStatement): string {
  return `coinslot-sandbox/proof\n${s.billId}\n${s.decision}\n${s.amount}\n${s.currency}\n${s.issuedAt}`;
}

/**
 * Reads the members of a statement from untrusted JSON, refusing any but `allowed` like everywhere in the
 * protocol, and checks the ones every statement has (`decision` is the caller's); a string says what is wrong.
 */
export function readStatementFields(value: unknown, allowed: readonly string[]): Record<string, unknown> | string {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'not a JSON object';
  const fields = value as Record<string, unknown>;
  const unknown = Object.keys(fields).find((key) => !allowed.includes(key));
  if (unknown !== undefined) return `unknown field ${unknown}`;
  const { billId, amount, currency, issuedAt } = fields;
  if (typeof billId !== 'string' || billId.length === 0) return 'billId must be a string';
  if (!Number.isSafeInteger(amount)) return 'amount must be an integer';
  if (typeof currency !== 'string') return 'currency must be a string';
  if (!Number.isSafeInteger(issuedAt)) return 'issuedAt must be an integer';
  return fields;
}

/** Reads a checkout decision's statement (plus `extraFields`) from untrusted JSON; a string says what is wrong. */
export function parseStatement(value: unknown, extraFields: readonly string[] = []): SandboxStatement | string {
  const fields = readStatementFields(value, [...STATEMENT_FIELDS, ...extraFields]);
  if (typeof fields === 'string') return fields;
  const { billId, decision, amount, currency, issuedAt } = fields;
  if (typeof decision !== 'string' || !(SANDBOX_DECISIONS as readonly string[]).includes(decision)) {
    return 'decision must be approve, decline or cancel';
  }
  return {
    billId: billId as string,
    decision: decision as SandboxDecision,
    amount: amount as number,
    currency: currency as string,
    issuedAt: issuedAt as number,
  };
}

/**
 * The sandbox's own id of bill `billId`'s payment (`sbx_<billId>`): its verdicts' `channelTradeNo` and every line of
 * its settlement for the bill (payment, refund, chargeback), as a real channel names them. Derived, so a proof, a
 * repeated notification and a restart all give the same.
 */
export const sandboxTradeNo = (billId: string): string => `sbx_${billId}`;

/** The verdict a verified statement amounts to; an approval names the payment's {@link sandboxTradeNo}. */
export function statementVerdict(s: SandboxStatement): ChannelVerdict {
  const transition = TRANSITIONS[s.decision];
  return {
    billId: s.billId,
    transition,
    ...(transition === 'failed' ? { reason: 'declined' } : {}),
    amount: s.amount,
    currency: s.currency,
    ...(transition === 'paid' ? { channelTradeNo: sandboxTradeNo(s.billId) } : {}),
  };
}
