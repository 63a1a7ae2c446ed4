import type { SteamLaunch } from './steam-launch.js';
import { startSteamOrder } from './start-steam-order.js';
import { callbackOrderId, MICROTXN_AUTHORIZATION_CALLBACK, type SteamworksClient } from './steamworks-binding.js';

/** The adapter's proof: the overlay's answer for the bill's order, which the driver checks with Steam. */
export interface SteamProof {
  orderid: string;
  /** What the callback said; `true` pays nothing by itself — the driver asks Steam. */
  authorized: boolean;
  [member: string]: unknown;
}

/** What one authorization needs. */
export interface SteamAuthorization {
  steam: SteamworksClient;
  launch: SteamLaunch;
  signal: AbortSignal;
  fetch?: typeof fetch;
}

const reasonOf = (signal: AbortSignal): unknown =>
  signal.reason ?? new DOMException('The Steam purchase was aborted', 'AbortError');

/**
 * Runs the player's side of a Steam purchase where the binding lives: listens for MicroTxnAuthorizationResponse
 * first (Steam may answer before the init call returns), starts the order with the player's SteamID and language,
 * then waits for the callback about **this** order and app. Resolves the proof; rejects with the signal's reason on
 * abort. The callback handler and the abort listener are removed whatever happens.
 */
export async function authorizeSteamOrder({ steam, launch, signal, fetch }: SteamAuthorization): Promise<SteamProof> {
  if (signal.aborted) throw reasonOf(signal);
  let onAbort: () => void = () => {};
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => reject(reasonOf(signal));
    signal.addEventListener('abort', onAbort, { once: true });
  });
  aborted.catch(() => {});
  let resolveAnswer: (authorized: boolean) => void = () => {};
  const answered = new Promise<boolean>((resolve) => {
    resolveAnswer = resolve;
  });
  const callbackId = steam.callback.SteamCallback?.MicroTxnAuthorizationResponse ?? MICROTXN_AUTHORIZATION_CALLBACK;
  const handle = steam.callback.register(callbackId, (value) => {
    if (value?.app_id === launch.appId && callbackOrderId(value.order_id) === launch.orderid)
      resolveAnswer(value.authorized === true);
  });
  try {
    const start = {
      steamId: steam.localplayer.getSteamId().steamId64.toString(),
      language: steam.apps.currentGameLanguage(),
    };
    await Promise.race([startSteamOrder(launch.initUrl, start, signal, fetch), aborted]);
    const authorized = await Promise.race([answered, aborted]);
    return { orderid: launch.orderid, authorized };
  } finally {
    handle.disconnect();
    signal.removeEventListener('abort', onAbort);
  }
}
