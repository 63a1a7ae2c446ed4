// A stand-in for core with what the UI uses: ready(), on(), purchase(); the test plays core's part (its events and
// the purchase's end). The UI's own behaviour is under test here; the real core runs in the web shop's tests.
import type { Bill, Coinslot, CoinslotEventMap, CoinslotEventName, PurchaseResult } from '@coinslot/core';
import { afterEach } from 'vitest';

export interface FakeCoinslot {
  coinslot: Coinslot;
  emit<E extends CoinslotEventName>(event: E, payload: CoinslotEventMap[E]): void;
  /** The purchases asked for, with the functions that end each. */
  purchases: { request: unknown; resolve(result: PurchaseResult): void; reject(error: unknown): void }[];
}

export function fakeCoinslot(channels: string[] = ['sandbox', 'stripe', 'alipay']): FakeCoinslot {
  const listeners = new Map<string, ((payload: unknown) => void)[]>();
  const purchases: FakeCoinslot['purchases'] = [];
  const coinslot = {
    ready: async () => ({ ready: new Map(channels.map((id) => [id, {}])), skipped: [] }),
    on(event: string, listener: (payload: unknown) => void) {
      listeners.set(event, [...(listeners.get(event) ?? []), listener]);
      return () =>
        listeners.set(
          event,
          (listeners.get(event) ?? []).filter((l) => l !== listener),
        );
    },
    off() {},
    purchase: (request: unknown) =>
      new Promise<PurchaseResult>((resolve, reject) => void purchases.push({ request, resolve, reject })),
  } as unknown as Coinslot;
  return {
    coinslot,
    purchases,
    emit: (event, payload) => {
      for (const listener of listeners.get(event) ?? []) listener(payload);
    },
  };
}

/** A bill as core would hand it over. */
export const bill = (id: string, fields: Partial<Bill> = {}): Bill =>
  ({
    id,
    userId: 'player-1',
    itemId: 'gems-500',
    quantity: 1,
    amount: 499,
    currency: 'USD',
    channel: 'sandbox',
    state: 'created',
    createdAt: Date.now(),
    updatedAt: Date.now(),
    expiresAt: Date.now() + 15 * 60_000,
    ...fields,
  }) as Bill;

const mounts: HTMLElement[] = [];

/** A fresh element in the page to mount into, removed after the test. */
export function mountPoint(): HTMLElement {
  const element = document.createElement('div');
  document.body.append(element);
  mounts.push(element);
  return element;
}

afterEach(() => {
  for (const element of mounts.splice(0)) element.remove();
});

/** The UI's shadow root inside `element`. */
export const uiRoot = (element: HTMLElement): ShadowRoot => element.querySelector('.coinslot-checkout')!.shadowRoot!;

/** Wait until `check` answers something truthy (within 2 s). */
export async function until<T>(check: () => T | undefined | null | false): Promise<T> {
  const deadline = Date.now() + 2_000;
  for (;;) {
    const value = check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error('timed out waiting for the UI');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
