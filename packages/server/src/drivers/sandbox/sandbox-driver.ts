import type { Bill } from '@coinslot/protocol';
import { isOrigin } from '../../http/cors.js';
import type { ChannelDriver, ChannelRefusal } from '../channel-driver.js';
import type { ReturnUrlOrigins } from './return-url.js';
import { SandboxSecret } from './sandbox-crypto.js';
import { parseStatement, proofSigningText, statementVerdict } from './sandbox-messages.js';
import { isReversalNotice, parseReversal, reversalVerdict } from './sandbox-reversals.js';
import { sandboxRoutes } from './sandbox-routes.js';
import { SandboxLedger } from './sandbox-ledger.js';
import { parseSandboxSettlement } from './sandbox-settlement-file.js';

/** Options of {@link createSandboxDriver}. */
export interface SandboxDriverOptions {
  /** The HMAC-SHA256 secret for checkout tokens, notifications and proofs (≥ 16 chars). @default random per process */
  secret?: string;
  /**
   * The origins a redirect checkout may send the player back to (`returnUrl`), besides the pay server's own; `'*'`
   * allows any http(s) URL (development only: it makes the checkout an open redirect). @default [] (the pay server's origin only)
   */
  returnUrlOrigins?: ReturnUrlOrigins;
}

const SANDBOX = Symbol.for('coinslot.server.sandbox-driver');

/** Whether `driver` is the sandbox's (made by {@link createSandboxDriver}): it approves payments for free. */
export function isSandboxDriver(driver: ChannelDriver): boolean {
  return SANDBOX in driver;
}

const refuse = (reason: string): ChannelRefusal => ({ refused: true, reason });

/**
 * The `sandbox` channel's driver: a checkout page with Approve / Decline / Cancel served by the pay server,
 * usable with server-side results (a signed notification) or client-side results (a signed proof); once paid, the
 * page can refund the bill or open a chargeback (signed reversal notifications). For development and tests only:
 * no money moves.
 */
export function createSandboxDriver(options: SandboxDriverOptions = {}): ChannelDriver {
  const id = 'sandbox';
  if (options.secret !== undefined && options.secret.length < 16) {
    throw new TypeError('The sandbox secret must have at least 16 characters');
  }
  const secretReady = SandboxSecret.create(options.secret);
  // Report a bad secret when the driver is first used, not as an unhandled rejection now.
  secretReady.catch(() => undefined);

  const returnUrlOrigins = options.returnUrlOrigins ?? [];
  if (returnUrlOrigins !== '*' && (!Array.isArray(returnUrlOrigins) || !returnUrlOrigins.every(isOrigin))) {
    throw new TypeError(
      "Invalid returnUrlOrigins: origins such as https://game.example (no path), or '*' in development",
    );
  }
  const ledger = new SandboxLedger(id);
  const driver: ChannelDriver = {
    id,
    resultSource: ['server', 'client'],
    settlementTimeZone: 'UTC',

    async launch(bill: Readonly<Bill>, ctx) {
      const token = await (await secretReady).billToken(bill.id);
      const checkoutUrl = `${ctx.publicUrl}/v1/${id}/checkout/${bill.id}?token=${token}`;
      const decideUrl = `${ctx.publicUrl}/v1/${id}/checkout/${bill.id}/decide?token=${token}`;
      return { checkoutUrl, decideUrl };
    },

    async verifyNotification(request, rawBody) {
      const signature = request.headers.get('x-sandbox-signature');
      if (signature === null) return refuse('no X-Sandbox-Signature header');
      if (!(await (await secretReady).verifyHex(rawBody, signature))) return refuse('bad X-Sandbox-Signature');
      let value: unknown;
      try {
        value = JSON.parse(new TextDecoder().decode(rawBody));
      } catch {
        return refuse('the body is not JSON');
      }
      if (isReversalNotice(value)) {
        const reversal = parseReversal(value);
        return typeof reversal === 'string' ? refuse(reversal) : reversalVerdict(reversal);
      }
      const statement = parseStatement(value);
      return typeof statement === 'string' ? refuse(statement) : statementVerdict(statement);
    },

    async verifyProof(bill, proof) {
      const statement = parseStatement(proof, ['signature']);
      if (typeof statement === 'string') return refuse(statement);
      const { signature } = proof;
      if (typeof signature !== 'string') return refuse('signature must be a string');
      if (!(await (await secretReady).verifyHex(proofSigningText(statement), signature)))
        return refuse('bad signature');
      if (statement.billId !== bill.id) return refuse('the proof is for another bill');
      return statementVerdict(statement);
    },

    async routes(request, ctx) {
      return sandboxRoutes(request, ctx, { driverId: id, secret: await secretReady, returnUrlOrigins, ledger });
    },

    // Its settlement is what its checkout approved and its controls reversed in this process (sandbox-ledger.ts).
    async fetchSettlement(day) {
      return ledger.day(day);
    },

    parseSettlementFile(bytes) {
      return parseSandboxSettlement(bytes, id);
    },
  };
  return Object.assign(driver, { [SANDBOX]: true });
}
