import type { CallSites } from './call-site.js';

/** Something a check found still held after the adapter was disposed. */
export interface LeftoverResource {
  kind: 'timeout' | 'interval' | 'listener' | 'window' | 'process-listener';
  /** What it is, e.g. `message listener on window`. */
  what: string;
  /** Where it was created (the stack frame), when known. */
  createdAt: string;
}

type Timers = Pick<typeof globalThis, 'setTimeout' | 'setInterval' | 'clearTimeout' | 'clearInterval'>;
/** The part of Node's `process` the tracker reads (absent in browsers). */
interface ProcessEvents {
  eventNames(): Array<string | symbol>;
  listenerCount(event: string | symbol): number;
}

const CORE_POPUP = 'an open window: the popup core opened inside the click and handed over as ctx.window';

interface Held {
  kind: LeftoverResource['kind'];
  what: string;
  createdAt: string;
}

/**
 * Watches, during one check, the timers, the window/document listeners, the windows and the `process`
 * listeners created by anything that is not infrastructure (see {@link CallSites}), and reports those still
 * held. Patches the globals between `start()` and `stop()` only.
 */
export class ResourceTracker {
  readonly #timers = new Map<unknown, Held>();
  readonly #listeners: Array<Held & { target: EventTarget; type: string; listener: unknown; capture: boolean }> = [];
  readonly #windows: Array<{ window: Window; createdAt: string; what?: string }> = [];
  readonly #restore: Array<() => void> = [];
  #processCounts = new Map<string | symbol, number>();

  constructor(private readonly sites: CallSites) {}

  start(): void {
    this.#patchTimers(globalThis as unknown as Timers);
    const g = globalThis as { window?: Window; document?: Document; process?: ProcessEvents };
    for (const [name, target] of [
      ['window', g.window],
      ['document', g.document],
    ] as const)
      if (target) this.#patchListeners(target, name);
    if (g.window && typeof g.window.open === 'function') this.#patchOpen(g.window);
    if (g.process?.eventNames)
      this.#processCounts = new Map(g.process.eventNames().map((event) => [event, g.process!.listenerCount(event)]));
  }

  /** A window the adapter was handed; it must be closed by the end. Named by `createdAt` even if `open()` was seen. */
  watchWindow(window: Window | null | undefined, createdAt: string): void {
    if (!window) return;
    const seen = this.#windows.find((entry) => entry.window === window);
    if (seen) seen.createdAt = createdAt;
    else this.#windows.push({ window, createdAt });
  }

  leftovers(): LeftoverResource[] {
    const held: LeftoverResource[] = [...this.#timers.values(), ...this.#listeners].map(
      ({ kind, what, createdAt }) => ({ kind, what, createdAt }),
    );
    for (const { window, createdAt, what } of this.#windows)
      if (!window.closed) held.push({ kind: 'window', what: what ?? 'an open window', createdAt });
    const proc = (globalThis as { process?: ProcessEvents }).process;
    for (const event of proc?.eventNames?.() ?? []) {
      const added = proc!.listenerCount(event) - (this.#processCounts.get(event) ?? 0);
      if (added > 0)
        held.push({
          kind: 'process-listener',
          what: `${added} process "${String(event)}" listener(s)`,
          createdAt: 'unknown',
        });
    }
    return held;
  }

  stop(): void {
    for (const restore of this.#restore.splice(0).reverse()) restore();
  }

  #patchTimers(g: Timers): void {
    const original = {
      setTimeout: g.setTimeout,
      setInterval: g.setInterval,
      clearTimeout: g.clearTimeout,
      clearInterval: g.clearInterval,
    };
    const timers = this.#timers;
    const sites = this.sites;
    const forget = (id: unknown): void => {
      if (!timers.delete(id) && typeof id === 'number')
        for (const key of timers.keys()) if (Number(key) === id) timers.delete(key);
    };
    const schedule = (kind: 'timeout' | 'interval') =>
      function coinslotTrackedTimer(handler: unknown, ms?: number, ...args: unknown[]): unknown {
        const createdAt = sites.current();
        const start = kind === 'timeout' ? original.setTimeout : original.setInterval;
        if (typeof handler !== 'function' || sites.isInfrastructure(createdAt))
          return (start as (...a: unknown[]) => unknown)(handler, ms, ...args);
        let id: unknown;
        const run = function (this: unknown, ...given: unknown[]): unknown {
          if (kind === 'timeout') timers.delete(id);
          return (handler as (...a: unknown[]) => unknown).apply(this, given);
        };
        id = (start as (...a: unknown[]) => unknown)(run, ms, ...args);
        timers.set(id, {
          kind,
          what: `a ${kind === 'timeout' ? 'setTimeout' : 'setInterval'} of ${String(ms ?? 0)} ms`,
          createdAt,
        });
        return id;
      };
    const clear = (stop: (id: never) => void) =>
      function coinslotTrackedClear(id: unknown): void {
        forget(id);
        stop(id as never);
      };
    const replace = (name: keyof Timers, fn: unknown): void => {
      for (const key of Reflect.ownKeys(original[name]))
        if (!['length', 'name', 'prototype'].includes(key as string))
          Object.defineProperty(fn, key, Object.getOwnPropertyDescriptor(original[name], key)!);
      (g as Record<string, unknown>)[name] = fn;
    };
    replace('setTimeout', schedule('timeout'));
    replace('setInterval', schedule('interval'));
    replace('clearTimeout', clear(original.clearTimeout));
    replace('clearInterval', clear(original.clearInterval));
    this.#restore.push(() => Object.assign(g, original));
  }

  #patchListeners(target: EventTarget, name: string): void {
    const { addEventListener: add, removeEventListener: remove } = target;
    const listeners = this.#listeners;
    const sites = this.sites;
    const captureOf = (options: unknown): boolean =>
      typeof options === 'boolean' ? options : Boolean((options as AddEventListenerOptions | undefined)?.capture);
    target.addEventListener = function coinslotTrackedAdd(
      this: EventTarget,
      type: string,
      listener: unknown,
      options?: unknown,
    ) {
      const createdAt = sites.current();
      const capture = captureOf(options);
      const known = listeners.some(
        (l) => l.target === target && l.type === type && l.listener === listener && l.capture === capture,
      );
      if (listener && !known && !sites.isInfrastructure(createdAt))
        listeners.push({
          kind: 'listener',
          what: `a "${type}" listener on ${name}`,
          createdAt,
          target,
          type,
          listener,
          capture,
        });
      return add.call(this, type, listener as EventListener, options as AddEventListenerOptions);
    };
    target.removeEventListener = function coinslotTrackedRemove(
      this: EventTarget,
      type: string,
      listener: unknown,
      options?: unknown,
    ) {
      const at = listeners.findIndex(
        (l) => l.target === target && l.type === type && l.listener === listener && l.capture === captureOf(options),
      );
      if (at >= 0) listeners.splice(at, 1);
      return remove.call(this, type, listener as EventListener, options as EventListenerOptions);
    };
    this.#restore.push(() => {
      delete (target as Partial<EventTarget>).addEventListener;
      delete (target as Partial<EventTarget>).removeEventListener;
      if (target.addEventListener !== add)
        Object.assign(target, { addEventListener: add, removeEventListener: remove });
    });
  }

  #patchOpen(window: Window): void {
    const open = window.open;
    const windows = this.#windows;
    const sites = this.sites;
    window.open = function coinslotTrackedOpen(this: Window, ...args: Parameters<Window['open']>) {
      const opened = open.apply(this, args);
      const createdAt = sites.current();
      // Core opens the popup inside the click and hands it over as ctx.window: closing it is the adapter's job.
      const what = sites.isInfrastructure(createdAt) ? CORE_POPUP : undefined;
      if (opened && !windows.some((entry) => entry.window === opened))
        windows.push({ window: opened, createdAt, ...(what ? { what } : {}) });
      return opened;
    };
    this.#restore.push(() => {
      window.open = open;
    });
  }
}
