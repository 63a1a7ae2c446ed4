import { vi } from 'vitest';
import type { PaymentInterface } from '../contract/payment-interface.js';
import type { GrantOffer } from '../deliver/grant-hook.js';
import type { JournalRecord } from '../journal/journal-record.js';
import { createMemoryStorage } from '../storage/memory-storage.js';
import type { JournalStorage } from '../storage/journal-storage.js';
import { fakeChannel } from './fake-channel.js';
import type { FakePayServer } from './fake-pay-server.js';

/** The disk as a crash would leave it: a memory storage holding a copy of everything stored right now. */
export async function snapshot(storage: JournalStorage): Promise<JournalStorage> {
  const copy = createMemoryStorage();
  await copy.batch((await storage.list('')).map(({ key, value }) => ({ key, value })));
  return copy;
}

/** The journal record of a bill in a storage. */
export async function recordOf(storage: JournalStorage, billId: string): Promise<JournalRecord | undefined> {
  return (await storage.get(`coinslot:bill:${billId}`)) as JournalRecord | undefined;
}

/** A channel whose payment the fake server records as paid as soon as it launches. */
export function paidChannel(fake: FakePayServer): PaymentInterface & { pay: ReturnType<typeof fakeChannel>['pay'] } {
  return fakeChannel(async (ctx) => {
    fake.settle(ctx.bill.id, 'paid');
    return { kind: 'launched' };
  });
}

/** A grant hook spy: records the bill ids it was offered. */
export function grantSpy(impl: (offer: GrantOffer) => unknown = () => undefined) {
  return vi.fn<(offer: GrantOffer) => Promise<void>>(async (offer) => void (await impl(offer)));
}

/** A storage that rejects the writes `fails` picks, like a full disk or a blocked IndexedDB. */
export function failingStorage(base: JournalStorage, fails: (key: string, value: unknown) => boolean): JournalStorage {
  return {
    ...base,
    kind: `failing-${base.kind}`,
    set: (key, value) =>
      fails(key, value) ? Promise.reject(new Error(`disk full writing ${key}`)) : base.set(key, value),
  };
}
