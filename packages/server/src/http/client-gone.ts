/**
 * A cheaper way than `request.signal` to learn that the client went away. An `AbortSignal` listener costs
 * about 1 kB in Node; a held wait only needs one callback slot. Requests from {@link serveNode} offer the
 * slot under this symbol; any other `Request` falls back to its standard `signal`.
 */
export const CLIENT_GONE = Symbol.for('coinslot.server.client-gone');

/** A request that can call one listener when its client disconnects. */
export interface ClientGoneSource {
  /** Sets (or with `undefined` clears) the listener; answers false when the slot is taken. */
  [CLIENT_GONE](listener: EventListenerObject | undefined): boolean;
}

function source(request: Request): ClientGoneSource | undefined {
  return CLIENT_GONE in request ? (request as unknown as ClientGoneSource) : undefined;
}

/** Calls `listener.handleEvent()` when the client of `request` goes away (at once if it already has). */
export function onClientGone(request: Request, listener: EventListenerObject): void {
  if (source(request)?.[CLIENT_GONE](listener)) return;
  if (request.signal.aborted) listener.handleEvent(new Event('abort'));
  else request.signal.addEventListener('abort', listener, { once: true });
}

/** Stops listening. */
export function offClientGone(request: Request, listener: EventListenerObject): void {
  source(request)?.[CLIENT_GONE](undefined);
  if (!source(request)) request.signal.removeEventListener('abort', listener);
}
