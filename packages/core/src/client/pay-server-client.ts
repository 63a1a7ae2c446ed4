import type {
  Bill,
  BillState,
  CreateBillBody,
  CreateBillResponse,
  ResultPublicKey,
  ResultResponse,
  UnsignedPendingResponse,
} from '@coinslot/protocol';
import ky, { type KyInstance, type Options } from 'ky';
import { CoinslotError } from '../errors/coinslot-error.js';
import { isRecord } from '../internal/guards.js';
import { retryPolicy } from './retry-policy.js';
import { isServerCode, toCoinslotError } from './to-coinslot-error.js';
import {
  expectBill,
  expectBills,
  expectCreated,
  expectKeys,
  expectResult,
  expectResultOrPending,
  expectDelivered,
} from './response-shapes.js';

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
  fetch?: typeof fetch | undefined;
  /** The app's `getPlayerToken` option. */
  getPlayerToken?: (() => Promise<string> | string) | undefined;
  /** The bill token the journal keeps for a bill; `undefined` when it keeps none or cannot be read. */
  storedBillToken(billId: string): Promise<string | undefined>;
}

/** A typed client for the protocol v1 endpoints core uses. Every method takes the operation's AbortSignal. */
export interface PayServerClient {
  getKeys(signal?: AbortSignal): Promise<ResultPublicKey[]>;
  createBill(body: CreateBillBody, idempotencyKey: string, signal: AbortSignal): Promise<CreateBillResponse>;
  /** `billToken`: the bill's token when the journal does not hold it yet (a bill the game backend handed over). */
  getBill(billId: string, signal: AbortSignal, billToken?: string): Promise<Bill>;
  /**
   * `GET /v1/bills/:id/result`. With `pending: 'unsigned'` a bill still `created` may be answered without a signed
   * result (§3).
   */
  waitResult(
    billId: string,
    wait: number,
    nonce: string,
    signal: AbortSignal,
    until?: 'delivered',
    pending?: 'unsigned',
  ): Promise<ResultResponse | UnsignedPendingResponse>;
  report(billId: string, proof: Record<string, unknown>, signal: AbortSignal): Promise<Bill>;
  cancel(billId: string, reason: string | undefined, signal: AbortSignal): Promise<Bill>;
  /** `POST /v1/bills/:id/launch`: the channel's checkout is being launched (the funnel's "launched"; no state change). */
  launched(billId: string, signal: AbortSignal): Promise<Bill>;
  deliver(billId: string, signal: AbortSignal): Promise<{ bill: Bill; alreadyDelivered: boolean }>;
  /**
   * `GET /v1/bills?user=U&state=S`: the user's bills in one state, oldest first (at most 100). Without `userId`, the
   * bills of the player whose token is sent.
   */
  listBills(userId: string | undefined, state: BillState, signal: AbortSignal): Promise<Bill[]>;
}

/**
 * Create the pay-server client on ky: absolute prefix URL, timeouts, retries with backoff and jitter, and a credential
 * on every call (docs/protocol.md §2): on a call about a bill, the bill's token the journal keeps (recorded from the
 * create's answer before the channel launched), else the player token, else none. The player token is asked for once and kept in
 * memory; a call refused with `401 UNAUTHENTICATED` asks for it again and is repeated once with it.
 */
export function createPayServerClient(options: PayServerClientOptions): PayServerClient {
  const api: KyInstance = ky.create({
    prefixUrl: options.server,
    timeout: REQUEST_TIMEOUT_MS,
    retry: retryPolicy(options.retryLimit),
    fetch: options.fetch ?? ((input, init) => globalThis.fetch(input, init)),
    headers: { accept: 'application/json' },
  });
  const { getPlayerToken } = options;
  // Bills whose token the server refused: their calls send the player token.
  const refused = new Set<string>();
  let player: Promise<string> | undefined;
  // Asks for the player token when there is none yet, or when `stale`, the one a refused call sent, is still current
  // (calls refused together ask once). A failed ask is not kept: the next call asks again.
  const playerToken = (stale?: Promise<string>): Promise<string> | undefined => {
    if (getPlayerToken && player === stale) {
      const asked = (player = Promise.resolve().then(getPlayerToken));
      asked.catch(() => player === asked && (player = undefined));
    }
    return player;
  };

  async function send(path: string, init: Options, credential: string | undefined): Promise<unknown> {
    try {
      return await api(
        path,
        credential
          ? { ...init, headers: { ...(init.headers as object), authorization: `Bearer ${credential}` } }
          : init,
      ).json();
    } catch (error) {
      // ky keeps the request and its options, credential and all, on the error: they go before anything can log them.
      if (isRecord(error)) delete error.request, delete error.options;
      throw await toCoinslotError(error, init.signal ?? undefined);
    }
  }

  async function call<T>(
    path: string,
    init: Options,
    check: (body: unknown) => T,
    billId?: string,
    given?: string,
  ): Promise<T> {
    const billToken = given ?? (billId && !refused.has(billId) ? await options.storedBillToken(billId) : undefined);
    const sent = billToken ? undefined : playerToken();
    let body: unknown;
    try {
      body = await send(path, init, billToken || (await sent));
    } catch (error) {
      if (!getPlayerToken || !isServerCode(error, 'UNAUTHENTICATED')) throw error;
      if (billToken) refused.add(billId!);
      body = await send(path, init, await playerToken(sent));
    }
    try {
      return check(body);
    } catch (cause) {
      throw new CoinslotError('PAY_SERVER_ERROR', `The pay server's answer to ${path} is malformed.`, { cause });
    }
  }
  const bill = (id: string): string => `v1/bills/${encodeURIComponent(id)}`;
  // The query goes in the path, not in ky's `searchParams`, which builds every call's Request twice.
  const withQuery = (path: string, query: Record<string, string | number | undefined>): string => {
    const present = Object.entries(query).filter((entry): entry is [string, string | number] => entry[1] !== undefined);
    return `${path}?${new URLSearchParams(present.map(([name, value]) => [name, String(value)]))}`;
  };

  return {
    getKeys: (signal) => call('v1/keys', { signal }, expectKeys),
    createBill: (body, idempotencyKey, signal) =>
      call(
        'v1/bills',
        { method: 'post', json: body, headers: { 'idempotency-key': idempotencyKey }, signal },
        expectCreated,
      ),
    getBill: (billId, signal, billToken) => call(bill(billId), { signal }, expectBill, billId, billToken),
    waitResult: (billId, wait, nonce, signal, until, pending) =>
      call(
        withQuery(`${bill(billId)}/result`, { wait, nonce, until, pending }),
        { timeout: (wait + WAIT_GRACE_SECONDS) * 1000, signal },
        pending ? expectResultOrPending : expectResult,
        billId,
      ),
    report: (billId, proof, signal) =>
      call(`${bill(billId)}/report`, { method: 'post', json: { proof }, signal }, expectBill, billId),
    cancel: (billId, reason, signal) =>
      call(
        `${bill(billId)}/cancel`,
        { method: 'post', json: reason === undefined ? {} : { reason }, signal },
        expectBill,
        billId,
      ),
    launched: (billId, signal) =>
      call(`${bill(billId)}/launch`, { method: 'post', json: {}, signal }, expectBill, billId),
    deliver: (billId, signal) =>
      call(`${bill(billId)}/deliver`, { method: 'post', json: {}, signal }, expectDelivered, billId),
    listBills: (userId, state, signal) => call(withQuery('v1/bills', { user: userId, state }), { signal }, expectBills),
  };
}
