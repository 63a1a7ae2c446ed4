/**
 * Where a host puts the client's address on a request: the Node adapter defines it on every request from the
 * socket's remote address; another host may use {@link setRemoteAddress}.
 */
export const REMOTE_ADDRESS = Symbol.for('coinslot.server.remote-address');

type WithAddress = { [REMOTE_ADDRESS]?: string };

/** Tells the limits the client address of `request`, for hosts other than the Node adapter (Deno's `remoteAddr`, …). */
export function setRemoteAddress(request: Request, address: string): void {
  Object.defineProperty(request, REMOTE_ADDRESS, { value: address, configurable: true });
}

/**
 * The client's IP for per-IP limits, or `undefined` when the host gave none (then no per-IP limit applies).
 * With `trustProxy = n > 0` it is the n-th address from the right of `X-Forwarded-For` (the one the nearest of
 * your proxies saw), else the socket's: the header is never believed by default, since any client can send it.
 */
export function clientAddress(request: Request, trustProxy: number): string | undefined {
  const socket = (request as WithAddress)[REMOTE_ADDRESS];
  if (trustProxy === 0 || socket === undefined) return socket;
  const hops = (request.headers.get('x-forwarded-for') ?? '')
    .split(',')
    .map((hop) => hop.trim())
    .filter((hop) => hop !== '');
  // Fewer hops than trusted proxies: the request did not come through all of them; the leftmost is still ours.
  return hops.length === 0 ? socket : hops[Math.max(0, hops.length - trustProxy)];
}
