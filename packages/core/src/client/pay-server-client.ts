import type { Bill, BillState, CreateBillBody, CreateBillResponse, ResultPublicKey, ResultResponse } from '@coinslot/protocol';
import ky, { type KyInstance, type Options } from 'ky';
import { CoinslotError } from '../errors/coinslot-error.js';
import { retryPolicy } from './retry-policy.js';
import { toCoinslotError } from './to-coinslot-error.js';
import { expectBill, expectBills, expectCreated, expectKeys, expectResult, expectDelivered } from './response-shapes.js';

/** Per-attempt timeout of an ordinary request. */
const REQUEST_TIMEOUT_MS = 15_000;
/** How much longer than the server's hold a held wait may take before it counts as timed out. */
const WAIT_GRACE_SECONDS = 10;

/** Settings of {@link createPayServerClient}. */
export interface PayServerClientOptions {
  /** The pay server's absolute base URL. */
  server: string;
  /** Retries of one request on network errors, 5xx and 429. */
  retryLimit: number;
  /** The fetch to use; read at call time so test interceptors installed later still apply. */
  fetch?: typeof fetch;
}

/** A typed client for the protocol v1 endpoints core uses. Every method takes the operation's AbortSignal. */
export interface PayServerClient {
  getKeys(signal?: AbortSignal): Promise<ResultPublicKey[]>;
  createBill(body: CreateBillBody, idempotencyKey: string, signal: AbortSignal): Promise<CreateBillResponse>;
  getBill(billId: string, signal: AbortSignal): Promise<Bill>;
  waitResult(billId: string, wait: number, nonce: string, signal: AbortSignal): Promise<ResultResponse>;
  report(billId: string, proof: Record<string, unknown>, signal: AbortSignal): Promise<Bill>;
  cancel(billId: string, reason: string | undefined, signal: AbortSignal): Promise<Bill>;
  deliver(billId: string, signal: AbortSignal): Promise<{ bill: Bill; alreadyDelivered: boolean }>;
  /** `GET /v1/bills?user=U&state=S`: the user's bills in one state, oldest first (at most 100). */
  listBills(userId: string, state: BillState, signal: AbortSignal): Promise<Bill[]>;
}

/** Create the pay-server client on ky: absolute prefix URL, timeouts, retries with backoff and jitter. */
export function createPayServerClient(options: PayServerClientOptions): PayServerClient {
  const api: KyInstance = ky.create({
    prefixUrl: options.server,
    timeout: REQUEST_TIMEOUT_MS,
    retry: retryPolicy(options.retryLimit),
    fetch: options.fetch ?? ((input, init) => globalThis.fetch(input, init)),
    headers: { accept: 'application/json' },
  });

  async function call<T>(path: string, init: Options, check: (body: unknown) => T): Promise<T> {
    let body: unknown;
    try {
      body = await api(path, init).json();
    } catch (error) {
      throw await toCoinslotError(error, init.signal ?? undefined);
    }
    try {
      return check(body);
    } catch (cause) {
      throw new CoinslotError('PAY_SERVER_ERROR', `The pay server's answer to ${path} is malformed.`, { cause });
    }
  }
  const bill = (id: string): string => `v1/bills/${encodeURIComponent(id)}`;

  return {
    getKeys: (signal) => call('v1/keys', { signal }, expectKeys),
    createBill: (body, idempotencyKey, signal) =>
      call('v1/bills', { method: 'post', json: body, headers: { 'idempotency-key': idempotencyKey }, signal }, expectCreated),
    getBill: (billId, signal) => call(bill(billId), { signal }, expectBill),
    waitResult: (billId, wait, nonce, signal) =>
      call(
        `${bill(billId)}/result`,
        { searchParams: { wait, nonce }, timeout: (wait + WAIT_GRACE_SECONDS) * 1000, signal },
        expectResult,
      ),
    report: (billId, proof, signal) => call(`${bill(billId)}/report`, { method: 'post', json: { proof }, signal }, expectBill),
    cancel: (billId, reason, signal) =>
      call(`${bill(billId)}/cancel`, { method: 'post', json: reason === undefined ? {} : { reason }, signal }, expectBill),
    deliver: (billId, signal) => call(`${bill(billId)}/deliver`, { method: 'post', json: {}, signal }, expectDelivered),
    listBills: (userId, state, signal) => call('v1/bills', { searchParams: { user: userId, state }, signal }, expectBills),
  };
}
