import type { SteamOrder } from './steam-order.js';
import type { SteamOrderBook } from './steam-order-book.js';
import { STEAM_ERRORS, type SteamError } from './steam-txn-values.js';
import type { SteamUserSessions } from './steam-user-sessions.js';
import { createSteamOverlay, type SteamOverlay } from './steam-overlay.js';

/** steamworks.js 0.4's `client.callback.SteamCallback.MicroTxnAuthorizationResponse`. */
export const STEAMWORKS_MICROTXN_CALLBACK = 9;

/** What steamworks.js hands a MicroTxnAuthorizationResponse handler (`callbacks.d.ts`). */
export interface StandInMicroTxnResponse {
  app_id: number;
  /** A number up to 2^53 − 1, a bigint above (napi-rs with `napi6`, as steamworks.js builds it). */
  order_id: number | bigint;
  authorized: boolean;
}

/** Options of {@link SteamEmulator.connectClient}. */
export interface SteamworksStandInOptions {
  /** The logged-in user's SteamID64. @default 76561197960287930 */
  steamId?: string;
  /** What `apps.currentGameLanguage()` answers (Steam's API language name). @default 'english' */
  language?: string;
}

/**
 * A stand-in for the part of an initialised steamworks.js 0.4 client (`require('steamworks.js').init(appId)`) a game
 * uses to pay: the player's SteamID and language, and the MicroTxnAuthorizationResponse callback — plus `overlay`,
 * the test's hand on the purchase dialog Steam would show. Steam itself cannot run here.
 */
export interface SteamworksStandIn {
  localplayer: {
    getSteamId(): { steamId64: bigint; steamId32: string; accountId: number };
    getName(): string;
  };
  apps: { currentGameLanguage(): string };
  utils: { getAppId(): number };
  callback: {
    SteamCallback: { MicroTxnAuthorizationResponse: number };
    register(callback: number, handler: (value: StandInMicroTxnResponse) => void): { disconnect(): void };
  };
  /** The purchase dialogs Steam showed this user, and the player's hand on them. */
  overlay: SteamOverlay;
  /** How many callback handlers are registered now (a paid-up adapter leaves none). */
  handlerCount(): number;
  /** Logs the user out: InitTxn for them then fails with `User is not logged in`. */
  logOut(): void;
}

/** What the stand-in needs from the emulator. */
export interface StandInDeps {
  appId: number;
  book: SteamOrderBook;
  sessions: SteamUserSessions;
}

/** Makes a stand-in logged in as one user of the emulator's app (see {@link SteamEmulator.connectClient}). */
export function createSteamworksStandIn(deps: StandInDeps, options: SteamworksStandInOptions = {}): SteamworksStandIn {
  const steamid = options.steamId ?? '76561197960287930';
  const handlers = new Set<(value: StandInMicroTxnResponse) => void>();
  const respond = (order: SteamOrder, authorized: boolean) => {
    const id = BigInt(order.orderid);
    const value = {
      app_id: order.appid,
      order_id: id <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(id) : id,
      authorized,
    };
    // steamworks.js delivers callbacks from its runCallbacks timer, never inside the call that caused them.
    setTimeout(() => {
      for (const handler of [...handlers]) handler(value);
    }, 0);
  };
  const overlay = createSteamOverlay({
    book: deps.book,
    respond,
    deniedError: (): SteamError => STEAM_ERRORS.insufficientFunds,
  });
  const logOut = deps.sessions.connect({ steamid, appid: deps.appId, show: overlay.show });
  const accountId = Number(BigInt(steamid) & 0xffffffffn);
  return {
    localplayer: {
      getSteamId: () => ({
        steamId64: BigInt(steamid),
        steamId32: `STEAM_0:${accountId & 1}:${accountId >> 1}`,
        accountId,
      }),
      getName: () => `player ${steamid}`,
    },
    apps: { currentGameLanguage: () => options.language ?? 'english' },
    utils: { getAppId: () => deps.appId },
    callback: {
      SteamCallback: { MicroTxnAuthorizationResponse: STEAMWORKS_MICROTXN_CALLBACK },
      register(callback, handler) {
        const own = (value: StandInMicroTxnResponse) => handler(value);
        if (callback === STEAMWORKS_MICROTXN_CALLBACK) handlers.add(own);
        return { disconnect: () => void handlers.delete(own) };
      },
    },
    overlay: overlay.controls,
    handlerCount: () => handlers.size,
    logOut,
  };
}
