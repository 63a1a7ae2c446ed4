import { randomBytes } from 'node:crypto';
import { STEAM_METHODS } from './steam-api-handlers.js';
import { failureAnswer, htmlAnswer, type SteamAnswer } from './steam-envelope.js';
import { listenSteamHttp } from './steam-http.js';
import { copyOrder, type SteamOrder } from './steam-order.js';
import { SteamOrderBook } from './steam-order-book.js';
import { SteamParamError, SteamParams } from './steam-params.js';
import type { SteamError, SteamMicroTxnInterface, SteamMicroTxnMethod, SteamTxnStatus } from './steam-txn-values.js';
import { SteamUserSessions } from './steam-user-sessions.js';
import {
  createSteamworksStandIn,
  type SteamworksStandIn,
  type SteamworksStandInOptions,
} from './steamworks-stand-in.js';

/** Options of {@link startSteamEmulator}. */
export interface SteamEmulatorOptions {
  /** The publisher Web API key every call must carry as `key`. @default 32 random hex digits, new per start */
  publisherKey?: string;
  /** The one app the key may act for. @default 480 (Spacewar, Valve's test app) */
  appId?: number;
  /** The clock for order times, ms since epoch. @default Date.now */
  now?: () => number;
  /** @default 0 (a free port) */
  port?: number;
}

/** How the next call of a method fails instead of being answered: a Steam refusal, an HTTP error, or a cut connection. */
export type SteamCallFailure = SteamError | { httpStatus: number } | { hangUp: true };

/** One call the emulator received, for assertions (the key is never recorded). */
export interface SteamApiCall {
  iface: SteamMicroTxnInterface;
  method: SteamMicroTxnMethod;
  verb: string;
  /** The parameters without `key`. */
  params: Record<string, string>;
  /** Whether `key` came in the URL's query (unavoidable for GET; a POST should carry it in the form body). */
  keyInUrl: boolean;
  /** The HTTP status answered (0 for a cut connection). */
  status: number;
}

/** A running Steam MicroTxn emulator on loopback. */
export interface SteamEmulator {
  /** The base URL that stands for `https://partner.steam-api.com`. */
  url: string;
  publisherKey: string;
  appId: number;
  /** Logs a user into a Steam client running the app: the stand-in binding the game's adapter gets. */
  connectClient(options?: SteamworksStandInOptions): SteamworksStandIn;
  /** A snapshot of an order (live book first, then the sandbox's). */
  order(orderid: string): SteamOrder | undefined;
  /** Steam refunds the order in whole (the player asked Steam support), or only the given item lines (`PartialRefund`). */
  refund(orderid: string, lines?: number[]): void;
  /** The player's bank charged the order back. */
  chargeback(orderid: string): void;
  /** Puts an order in any status (e.g. `RefundedSuspectedFraud`), every item with it. */
  setStatus(orderid: string, status: SteamTxnStatus): void;
  /** Makes the next call of `method` fail as given (queued: call it twice for two failures). */
  failNext(method: SteamMicroTxnMethod, failure: SteamCallFailure): void;
  /** Every call received so far. */
  readonly calls: readonly SteamApiCall[];
  close(): Promise<void>;
}

const PATH = /^\/(ISteamMicroTxn|ISteamMicroTxnSandbox)\/([A-Za-z]+)\/v(\d+)\/?$/;

/**
 * Starts an emulator of Steam's MicroTxn web API (ISteamMicroTxn and ISteamMicroTxnSandbox: InitTxn v3, FinalizeTxn
 * v2, QueryTxn v3, RefundTxn v2, GetReport v5) on 127.0.0.1, answering Steam's JSON envelope and refusing a wrong
 * `key` with Steam's 403 page. The purchase dialog is played through {@link SteamEmulator.connectClient}'s stand-in.
 */
export async function startSteamEmulator(options: SteamEmulatorOptions = {}): Promise<SteamEmulator> {
  const publisherKey = options.publisherKey ?? randomBytes(16).toString('hex').toUpperCase();
  const appId = options.appId ?? 480;
  const book = new SteamOrderBook(options.now ?? Date.now);
  const sessions = new SteamUserSessions();
  const failures = new Map<SteamMicroTxnMethod, SteamCallFailure[]>();
  const calls: SteamApiCall[] = [];

  const answer = (
    iface: SteamMicroTxnInterface,
    method: SteamMicroTxnMethod,
    params: SteamParams,
  ): SteamAnswer | 'hang-up' => {
    const failure = failures.get(method)?.shift();
    if (failure && 'hangUp' in failure) return 'hang-up';
    if (failure && 'errorcode' in failure) return failureAnswer(failure);
    if (failure && 'httpStatus' in failure) return htmlAnswer(failure.httpStatus);
    try {
      return STEAM_METHODS[method].run(params, { iface, appId, book, sessions });
    } catch (error) {
      if (error instanceof SteamParamError) return failureAnswer(error.error);
      throw error;
    }
  };

  const listener = await listenSteamHttp(({ method: verb, url, body }) => {
    const match = PATH.exec(url.pathname);
    const method = match?.[2] as SteamMicroTxnMethod | undefined;
    const spec = method && Object.hasOwn(STEAM_METHODS, method) ? STEAM_METHODS[method] : undefined;
    if (!match || !method || !spec || Number(match[3]) !== spec.version) return htmlAnswer(404);
    if (verb !== spec.verb) return htmlAnswer(405);
    const values = new URLSearchParams(url.search);
    if (verb === 'POST') for (const [name, value] of new URLSearchParams(body)) values.set(name, value);
    const iface = match[1] as SteamMicroTxnInterface;
    const { key: _key, ...params } = Object.fromEntries(values);
    const call: SteamApiCall = { iface, method, verb, params, keyInUrl: url.searchParams.has('key'), status: 0 };
    calls.push(call);
    const result =
      values.get('key') === publisherKey ? answer(iface, method, new SteamParams(values)) : htmlAnswer(403);
    call.status = result === 'hang-up' ? 0 : result.status;
    return result;
  });

  const existing = (orderid: string): SteamOrder => {
    const order = book.find(orderid);
    if (!order) throw new Error(`the Steam emulator has no order ${orderid}`);
    return order;
  };

  return {
    url: listener.url,
    publisherKey,
    appId,
    connectClient: (clientOptions) => createSteamworksStandIn({ appId, book, sessions }, clientOptions),
    order: (orderid) => {
      const order = book.find(orderid);
      return order && copyOrder(order);
    },
    refund(orderid, lines) {
      const order = existing(orderid);
      if (lines === undefined || lines.length >= order.items.length) return book.setStatus(order, 'Refunded');
      book.setStatus(order, 'PartialRefund', undefined, 'Succeeded');
      for (const line of lines) order.items[line]!.itemstatus = 'Refunded';
    },
    chargeback: (orderid) => book.setStatus(existing(orderid), 'Chargedback'),
    setStatus: (orderid, status) => book.setStatus(existing(orderid), status),
    failNext(method, failure) {
      failures.set(method, [...(failures.get(method) ?? []), failure]);
    },
    get calls() {
      return calls;
    },
    close: () => listener.close(),
  };
}
