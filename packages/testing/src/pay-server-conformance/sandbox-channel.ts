import { createHmac } from 'node:crypto';
import type { Bill } from '@coinslot/protocol';
import type { Answer, HttpClient } from './http-client.js';

/** A decision on the sandbox checkout (docs/protocol.md §7). */
export type SandboxDecision = 'approve' | 'decline' | 'cancel';

/** A reversal the sandbox's server notifies for a paid bill (docs/protocol.md §7): a refund or a chargeback. */
export type SandboxReversal = 'refund' | 'chargeback';

/** The sandbox's signed statement about a bill: a notification's body, a proof without its signature. */
export interface SandboxStatement {
  billId: string;
  decision: SandboxDecision | SandboxReversal;
  amount: number;
  currency: string;
  /** A refund's running total refunded (a `refund` notification's sixth member). */
  refundedAmount?: number;
  issuedAt: number;
}

/**
 * The sandbox channel's server, played by the suite: it signs notifications (HMAC-SHA256 of the raw body) and
 * client-mode proofs (HMAC-SHA256 of the prefixed proof text) with the sandbox secret, as docs/protocol.md §7 says.
 */
export interface SandboxChannel {
  statement(bill: Bill, decision: SandboxDecision, overrides?: Partial<SandboxStatement>): SandboxStatement;
  /** A refund notification's body naming the running total `refundedAmount`, or a chargeback's. */
  reversal(bill: Bill, reversal: SandboxReversal, refundedAmount?: number): SandboxStatement;
  /** `POST /v1/notify/sandbox` with `body` signed (or with `signature` as given). */
  notify(body: string | object, options?: { signature?: string | null; contentType?: string }): Promise<Answer>;
  /** A client-mode proof for `statement`. */
  proof(statement: SandboxStatement): SandboxStatement & { signature: string };
  /** Whether `signature` is the sandbox's proof signature of `statement`. */
  isProofSignature(statement: SandboxStatement, signature: string): boolean;
}

const proofText = (s: SandboxStatement) =>
  `coinslot-sandbox/proof\n${s.billId}\n${s.decision}\n${s.amount}\n${s.currency}\n${s.issuedAt}`;

/** The sandbox channel for the server behind `http`, signing with `secret`. */
export function createSandboxChannel(http: HttpClient, secret: string): SandboxChannel {
  const hmac = (data: string) => createHmac('sha256', secret).update(data, 'utf8').digest('hex');
  return {
    statement: (bill, decision, overrides = {}) => ({
      billId: bill.id,
      decision,
      amount: bill.amount,
      currency: bill.currency,
      issuedAt: Date.now(),
      ...overrides,
    }),
    reversal: (bill, reversal, refundedAmount) => ({
      billId: bill.id,
      decision: reversal,
      amount: bill.amount,
      currency: bill.currency,
      ...(reversal === 'refund' ? { refundedAmount: refundedAmount ?? bill.amount } : {}),
      issuedAt: Date.now(),
    }),
    notify(body, options = {}) {
      const raw = typeof body === 'string' ? body : JSON.stringify(body);
      const headers: Record<string, string> = { 'content-type': options.contentType ?? 'application/json' };
      const signature = options.signature === undefined ? hmac(raw) : options.signature;
      if (signature !== null) headers['x-sandbox-signature'] = signature;
      return http.call('/v1/notify/sandbox', { method: 'POST', body: raw, headers, noOrigin: true });
    },
    proof: (statement) => ({ ...statement, signature: hmac(proofText(statement)) }),
    isProofSignature: (statement, signature) => hmac(proofText(statement)) === signature.toLowerCase(),
  };
}
