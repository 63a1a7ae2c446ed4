/** How long the probe waits for the pay server: a server that answers nothing in this time is not worth waiting for. */
export const PROBE_TIMEOUT_MS = 2500;

/**
 * Whether the pay server is reachable: `GET /v1/channels` (public, no credential; docs/protocol.md §2). Only a
 * failed fetch (refused, no network, timed out) or a 5xx counts as down: any other answer means a server is there.
 * The UI asks it next to a purchase so that a server that is down shows an error in a moment, while core's
 * own create-bill retries (meant for a server that blips) would take seconds.
 */
export async function payServerReachable(server: string, fetcher: typeof fetch = fetch): Promise<boolean> {
  try {
    const response = await fetcher(new URL('/v1/channels', server), {
      cache: 'no-store',
      credentials: 'omit',
      signal: AbortSignal.timeout(PROBE_TIMEOUT_MS),
    });
    return response.status < 500;
  } catch {
    return false;
  }
}
