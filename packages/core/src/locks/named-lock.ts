import { abortError, untilAborted } from '../internal/abort.js';

const held = new Map<string, Promise<void>>();

/** A mutex per name within this JavaScript realm: the fallback where the Web Locks API is missing (Node, old browsers). */
async function inRealm<T>(name: string, signal: AbortSignal, work: () => Promise<T>): Promise<T> {
  const previous = held.get(name) ?? Promise.resolve();
  let release!: () => void;
  const mine = new Promise<void>((resolve) => (release = resolve));
  const tail = previous.then(() => mine);
  held.set(name, tail);
  void tail.then(() => {
    if (held.get(name) === tail) held.delete(name);
  });
  try {
    await untilAborted(previous, signal).catch(() => {
      throw abortError(signal);
    });
    return await work();
  } finally {
    release();
  }
}

/**
 * Run `work` while holding the lock `name`, waiting for any holder first. With the Web Locks API
 * (`navigator.locks`) the lock spans every tab and worker of the origin; without it, this realm only.
 * An abort while waiting rejects with the signal's abort error and never runs `work`.
 */
export async function withLock<T>(name: string, signal: AbortSignal, work: () => Promise<T>): Promise<T> {
  const locks = (globalThis as { navigator?: { locks?: LockManager } }).navigator?.locks;
  if (!locks || typeof locks.request !== 'function') return inRealm(name, signal, work);
  try {
    return (await locks.request(name, { signal }, () => work())) as T;
  } catch (error) {
    if (signal.aborted) throw abortError(signal);
    throw error;
  }
}

/** The lock that guards one bill's grant and delivery: `coinslot:bill:<id>`. */
export const billLockName = (billId: string): string => `coinslot:bill:${billId}`;
