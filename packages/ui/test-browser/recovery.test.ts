// A purchase left unfinished by a reload: the notice at once (from the journal), a Buy that shows it instead of
// starting another, and the confirmation when core's recovery delivers it.
import { createMemoryStorage, type JournalStorage } from '@coinslot/core';
import { describe, expect, it } from 'vitest';
import { mountCheckout } from '../src/index.js';
import { bill, fakeCoinslot, mountPoint, uiRoot, until } from './fake-coinslot.js';

/** A journal holding one bill core launched before the reload, as core writes it. */
async function journalWithOpenBill(): Promise<JournalStorage> {
  const storage = createMemoryStorage();
  const open = bill('b_open', { channel: 'sandbox' });
  const record = { v: 1, billId: open.id, server: 'https://pay.example.com', userId: open.userId, channel: 'sandbox' };
  await storage.set(`coinslot:bill:${open.id}`, {
    ...record,
    state: 'waiting',
    bill: open,
    createdAt: 1,
    updatedAt: 1,
  });
  return storage;
}

describe('recovery notice', () => {
  it('shows at once, keeps a Buy from starting, and turns into the confirmation when the bill is delivered', async () => {
    const fake = fakeCoinslot(['sandbox']);
    const target = mountPoint();
    const ui = mountCheckout(target, { coinslot: fake.coinslot, storage: await journalWithOpenBill() });
    const root = uiRoot(target);
    const bar = await until(() => root.querySelector<HTMLElement>('.cs-bar[data-kind="recovering"]'));
    expect(bar.getAttribute('role')).toBe('status');
    expect(bar.textContent).toContain('Finishing your purchase from last time…');

    expect(await ui.buy({ itemId: 'gems', amount: 99, currency: 'USD' })).toBeUndefined();
    expect(fake.purchases).toHaveLength(0);
    expect(root.querySelector('dialog')?.dataset.view).toBe('recovering');

    fake.emit('bill-delivered', { bill: bill('b_open', { amount: 499 }), alreadyDelivered: false });
    expect(root.querySelector('.cs-bar')?.getAttribute('data-kind')).toBe('recovered');
    expect(root.querySelector('.cs-bar')?.textContent).toContain('Your purchase from last time is complete: $4.99');
    expect(root.querySelector('dialog')?.open).toBe(false);
    void ui.buy({ itemId: 'gems', amount: 99, currency: 'USD' });
    expect(fake.purchases).toHaveLength(1); // nothing open any more
  });

  it('the recovery report ends the notice of a bill it did not finish (it stays in the journal for next time)', async () => {
    const fake = fakeCoinslot(['sandbox']);
    const target = mountPoint();
    mountCheckout(target, { coinslot: fake.coinslot, storage: await journalWithOpenBill() });
    const root = uiRoot(target);
    await until(() => root.querySelector('.cs-bar[data-kind="recovering"]'));
    fake.emit('recovery-finished', { bills: [], errors: [] });
    expect(root.querySelector<HTMLElement>('.cs-bar')?.hidden).toBe(true);
  });
});
