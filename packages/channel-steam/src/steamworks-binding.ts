/**
 * What the Steam channel uses of a Steamworks binding, as a minimal type so the package does not depend on one.
 * `steamworks.js` 0.4 (an optional peer; it ships its native binaries in the npm package) satisfies it with the
 * client its `init(appId)` returns, in the Electron **main process** (a native module never loads in a sandboxed
 * renderer):
 *
 * | this interface | steamworks.js 0.4 | Steamworks SDK |
 * |---|---|---|
 * | `localplayer.getSteamId().steamId64` | `client.localplayer.getSteamId()` | `ISteamUser::GetSteamID` |
 * | `apps.currentGameLanguage()` | `client.apps.currentGameLanguage()` | `ISteamApps::GetCurrentGameLanguage` |
 * | `callback.register(id, handler)` → `{ disconnect() }` | `client.callback.register(SteamCallback.MicroTxnAuthorizationResponse, handler)` | the `MicroTxnAuthorizationResponse_t` callback |
 * | `callback.SteamCallback.MicroTxnAuthorizationResponse` | `9` in 0.4 | callback 152 |
 *
 * Steam itself cannot run in tests: they use the stand-in of `@coinslot/testing/emulators` (`connectClient()`).
 */
export interface SteamworksClient {
  localplayer: {
    /** The logged-in user; `steamId64` is the SteamID64 InitTxn takes. */
    getSteamId(): { steamId64: bigint };
  };
  apps: {
    /** The game's current language as Steam names it (`english`, `schinese`…). */
    currentGameLanguage(): string;
  };
  callback: {
    /** steamworks.js's callback ids; the channel reads `MicroTxnAuthorizationResponse` (9 in 0.4) when present. */
    SteamCallback?: { MicroTxnAuthorizationResponse: number };
    /** Registers a handler; the handle's `disconnect()` removes it. */
    register(callback: number, handler: (value: MicroTxnAuthorizationResponse) => void): { disconnect(): void };
  };
}

/**
 * `MicroTxnAuthorizationResponse_t` as steamworks.js delivers it: the player answered Steam's purchase dialog.
 * `order_id` is a number up to 2^53 − 1 and a bigint above (napi-rs), a string on a build without BigInt support.
 */
export interface MicroTxnAuthorizationResponse {
  app_id: number;
  order_id: number | bigint | string;
  authorized: boolean;
}

/** steamworks.js 0.4's `SteamCallback.MicroTxnAuthorizationResponse`. */
export const MICROTXN_AUTHORIZATION_CALLBACK = 9;

/** The callback's order id as a decimal string, or `undefined` when it is not a whole number. */
export function callbackOrderId(value: unknown): string | undefined {
  try {
    if (typeof value === 'bigint') return value.toString();
    if (typeof value === 'number' && Number.isSafeInteger(value)) return String(value);
    if (typeof value === 'string' && /^\d+$/.test(value)) return BigInt(value).toString();
  } catch {
    return undefined;
  }
  return undefined;
}
