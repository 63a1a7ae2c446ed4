/** The part of the game's window core opens its popup with. */
interface Opener {
  open?: (...args: unknown[]) => unknown;
}

/**
 * Run `start` (the synchronous start of `coinslot.purchase()`) so that the popup core opens inside the click
 * IS `window`, the one the suite was given: the first `window.open()` answers it instead of opening another.
 *
 * Core opens that popup synchronously, before any await, and hands it to the adapter as `ctx.window`; lending the
 * suite's window through core, rather than handing it over beside core's, leaves no second window — one core
 * opened but the adapter never saw — open after the purchase. Outside a browser-like global (no `window.open`)
 * this only runs `start`. `window.open` is restored before this returns.
 */
export function lendWindow<T>(window: Window | null | undefined, start: () => T): T {
  const host = (globalThis as { window?: Opener }).window;
  if (window === undefined || typeof host?.open !== 'function') return start();
  const own = Object.getOwnPropertyDescriptor(host, 'open');
  const open = host.open;
  let lent = false;
  host.open = function coinslotTrackedLend(this: unknown, ...args: unknown[]): unknown {
    if (lent) return open.apply(this, args);
    lent = true;
    return window;
  };
  try {
    return start();
  } finally {
    if (own) Object.defineProperty(host, 'open', own);
    else delete host.open;
  }
}
