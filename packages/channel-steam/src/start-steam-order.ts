import { CoinslotError } from '@coinslot/core';

/** What the adapter tells the driver when it starts the bill's Steam order. */
export interface SteamOrderStart {
  /** The player's SteamID64 from the binding: a hint — Steam shows the dialog to the user it names. */
  steamId: string;
  /** The game's language as Steam names it; the driver maps it to InitTxn's code. */
  language: string;
}

const field = (value: unknown, name: string): unknown =>
  typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[name] : undefined;

/**
 * `POST initUrl` with `{ steamId, language }`: the driver calls InitTxn, and Steam opens its purchase dialog in the
 * player's overlay. Resolves once the driver answered `200`.
 * @throws CoinslotError `CHANNEL_LAUNCH_FAILED` (retryable when the pay server or Steam could not be reached)
 */
export async function startSteamOrder(
  initUrl: string,
  start: SteamOrderStart,
  signal: AbortSignal,
  doFetch: typeof fetch = globalThis.fetch,
): Promise<void> {
  let response: Response;
  try {
    response = await doFetch(initUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(start),
      signal,
    });
  } catch (error) {
    if (signal.aborted) throw signal.reason;
    throw new CoinslotError('CHANNEL_LAUNCH_FAILED', `The Steam order could not be started: ${String(error)}`, {
      retryable: true,
      cause: error,
    });
  }
  if (response.ok) return;
  const body: unknown = await response.json().catch(() => undefined);
  const steam = field(body, 'steam');
  const code = field(field(body, 'error'), 'code');
  const why =
    steam === undefined
      ? `the pay server answered ${response.status}${typeof code === 'string' ? ` ${code}` : ''}`
      : `Steam refused it (${String(field(steam, 'errorcode'))} ${String(field(steam, 'errordesc'))})`;
  throw new CoinslotError('CHANNEL_LAUNCH_FAILED', `The Steam order could not be started: ${why}`, {
    retryable: response.status >= 500 && steam === undefined,
    cause: body,
  });
}
