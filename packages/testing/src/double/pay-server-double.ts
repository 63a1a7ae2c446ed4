import type { Bill, LaunchPayload, ResultPublicKey } from '@coinslot/core';
import type { HttpHandler } from 'msw';
import type { RecordedCall } from './recorded-call.js';
import type { OutcomeMatch, ScriptedOutcome } from './scripted-outcome.js';

/** The server's price for one item (see the reference server's `catalog` option). */
export interface DoublePrice {
  /** Price of one item in minor units. */
  amount: number;
  /** ISO 4217 code. */
  currency: string;
}

/** Options of {@link createPayServerDouble}. One object; every field optional. */
export interface PayServerDoubleOptions {
  /** The base URL the double answers on (give the same to `createCoinslot({ server })`). @default 'https://pay.test' (core refuses plain http to another machine without pinned keys) */
  url?: string;
  /** The channel ids the double has a scripted channel for; a bill on any other channel answers `UNKNOWN_CHANNEL`. @default ['mock', 'sandbox'] */
  channels?: string[];
  /** The outcome of every bill no {@link PayServerDouble.script} rule matches. @default 'paid' */
  outcome?: ScriptedOutcome;
  /** How late a `slow` result arrives, in ms. @default 1000 */
  slowMs?: number;
  /** Extra fields for each bill's launch payload, e.g. what your adapter reads from `ctx.launch`. @default none: `{ checkoutUrl, decideUrl }` only */
  launch?: (bill: Readonly<Bill>) => LaunchPayload;
  /** Whether a client-result proof is genuine; a refused one answers `400 INVALID_PROOF`. @default every proof is accepted */
  acceptProof?: (proof: Record<string, unknown>, bill: Readonly<Bill>) => boolean;
  /** Prices by item id: a bill with another amount or currency answers `400 AMOUNT_MISMATCH`. @default no price check */
  catalog?: Record<string, DoublePrice>;
  /** The longest the server holds a wait, in seconds (≤ 25). @default 25 */
  holdSeconds?: number;
  /** How long a bill may wait to be paid before it expires, in ms. @default 900000 */
  billTtlMs?: number;
  /** The server's clock. @default Date.now */
  now?: () => number;
}

/**
 * A protocol v1 pay server for tests: the reference server (`@coinslot/server`) on msw, with a scripted
 * channel's server, its calls recorded and its bills readable. Results are signed with an ES256 key made
 * for this double.
 */
export interface PayServerDouble {
  /** The base URL, e.g. `https://pay.test`. */
  readonly url: string;
  /** The msw handlers: `setupServer(...double.handlers)` in Node, `setupWorker(...double.handlers)` in a browser, or `server.use(...)`. */
  readonly handlers: HttpHandler[];
  /** The public result keys, for `createCoinslot({ trustedKeys })` (or let core fetch `GET /v1/keys`). */
  readonly publicKeys: ResultPublicKey[];
  /** Every request answered, oldest first. */
  readonly calls: readonly RecordedCall[];
  /** Every bill by id, as stored now (creation order). */
  readonly bills: ReadonlyMap<string, Bill>;
  /**
   * Script what the channel's server does once a bill's checkout launched: for every bill (no `match`),
   * or for the bills matching `match` (newest rule first). An outcome is fixed when the checkout launches.
   */
  script(outcome: ScriptedOutcome, match?: OutcomeMatch): void;
  /** Send the channel's notification for a bill now, as its server would. Rejects when the server refuses it. */
  settle(billId: string, result: 'paid' | 'declined' | 'cancelled', reason?: string): Promise<void>;
  /** The calls of one endpoint: `callsTo('POST', '/v1/bills')`, `callsTo('GET', /\/result$/)`. */
  callsTo(method: string, path: string | RegExp): RecordedCall[];
  /** Answer one request without msw, as the handlers would (for code that takes a `fetch`, like `createCoinslot({ fetch })`). */
  fetch: typeof fetch;
  /** Forget the calls and the script rules (back to the `outcome` option). Bills stay. */
  reset(): void;
  /** Stop: answers held waits, drops scheduled notifications; later requests answer `503 UNAVAILABLE`. */
  close(): Promise<void>;
}
