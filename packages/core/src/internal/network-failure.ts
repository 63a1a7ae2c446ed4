// What `fetch` rejects with when the network failed, per engine: always a TypeError, told apart by its message.
const NETWORK_MESSAGES = new Set([
  'Failed to fetch', // Chromium
  'NetworkError when attempting to fetch resource.', // Firefox
  'Load failed', // Safari 17+
  'The Internet connection appears to be offline.', // Safari 16
  'Network request failed', // React Native, whatwg-fetch
  'fetch failed', // Node (undici)
  'terminated', // Node (undici), the connection dropped mid-body
]);

/**
 * Whether an error is a failed `fetch` (offline, DNS, refused, reset, CORS) rather than a bug or a refusal.
 * Only then is it worth calling a `NETWORK_ERROR` and trying again.
 */
export function isNetworkFailure(error: unknown): boolean {
  // By name, not `instanceof`: a TypeError from another realm (an iframe, Electron's preload) counts too.
  const { name, message } = (typeof error === 'object' && error !== null ? error : {}) as {
    name?: unknown;
    message?: unknown;
  };
  return name === 'TypeError' && typeof message === 'string' && NETWORK_MESSAGES.has(message);
}
