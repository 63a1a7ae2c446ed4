import { CoinslotError } from '@coinslot/core';

/** The Steam driver's launch payload (`launch` of `POST /v1/bills`). Public: it carries no secret. */
export interface SteamLaunch {
  /** The bill's Steam order id (a decimal uint64): the callback names it. */
  orderid: string;
  /** The game's Steam App ID: the callback names it too. */
  appId: number;
  /** `POST` here with `{ steamId, language }` to start the order (its token lets only this payload's holder do it). */
  initUrl: string;
}

/**
 * Reads the launch payload, refusing any other shape (a newer or older driver than this adapter understands).
 * @throws CoinslotError `CHANNEL_LAUNCH_FAILED`
 */
export function readSteamLaunch(launch: Readonly<Record<string, unknown>>): SteamLaunch {
  const { orderid, appId, initUrl } = launch;
  const bad = (what: string) =>
    new CoinslotError('CHANNEL_LAUNCH_FAILED', `The Steam launch payload needs ${what}, got ${JSON.stringify(launch)}`);
  if (typeof orderid !== 'string' || !/^[1-9]\d{0,19}$/.test(orderid)) throw bad('"orderid", a decimal order id');
  if (!Number.isSafeInteger(appId) || (appId as number) <= 0) throw bad('"appId", a Steam App ID');
  let url: URL;
  try {
    url = new URL(String(initUrl));
  } catch {
    throw bad('"initUrl", an absolute http(s) URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw bad('"initUrl", an absolute http(s) URL');
  return { orderid, appId: appId as number, initUrl: url.href };
}
