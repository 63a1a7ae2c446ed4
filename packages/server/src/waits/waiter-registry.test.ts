import { describe, expect, it } from 'vitest';
import { LocalChange } from './committed-change.js';
import { WaiterRegistry } from './waiter-registry.js';

describe('WaiterRegistry', () => {
  it('wakes every wait on a bill, and only that bill', async () => {
    const registry = new WaiterRegistry();
    const a1 = registry.register('a');
    const a2 = registry.register('a');
    const b = registry.register('b');
    const held = [a1.hold(5000), a2.hold(5000)];
    expect(registry.wake('a')).toBe(2);
    expect(await Promise.all(held)).toEqual(['changed', 'changed']);
    expect(await b.hold(10)).toBe('timeout');
    for (const ticket of [a1, a2, b]) ticket.release();
    expect(registry.size).toBe(0);
  });

  it('remembers a wake that came before the hold (registered before the store read)', async () => {
    const registry = new WaiterRegistry();
    const ticket = registry.register('a');
    registry.wake('a');
    expect(await ticket.hold(5000)).toBe('changed');
    ticket.release();
  });

  it('stops when the request’s signal aborts, and wakes everything with `closing` on close', async () => {
    const registry = new WaiterRegistry();
    const controller = new AbortController();
    const aborted = registry.register('a');
    const holding = aborted.hold(5000, new Request('http://pay.test/', { signal: controller.signal }));
    controller.abort();
    expect(await holding).toBe('aborted');
    aborted.release();
    const open = registry.register('b');
    const pending = open.hold(5000);
    registry.close();
    expect(await pending).toBe('closing');
    expect(await registry.register('c').hold(5000)).toBe('closing');
  });

  it('wakes every wait on every bill with `changed` on wakeAll (a bus reconnected), and later waits hold', async () => {
    const registry = new WaiterRegistry();
    const tickets = [registry.register('a'), registry.register('a'), registry.register('b')];
    const held = tickets.map((ticket) => ticket.hold(5000));
    expect(registry.wakeAll()).toBe(3);
    expect(await Promise.all(held)).toEqual(['changed', 'changed', 'changed']);
    for (const ticket of tickets) ticket.release();
    const later = registry.register('a');
    expect(await later.hold(10)).toBe('timeout');
    later.release();
  });
});

describe('WaiterRegistry — the committed change', () => {
  const bill = (state: 'created' | 'paid') => ({ id: 'a', state }) as unknown as import('@coinslot/protocol').Bill;
  const move = (from: 'created' | 'paid', to: 'created' | 'paid') => new LocalChange(bill(from), bill(to));

  it('hands a change this process committed to every wait it wakes; a bus wake-up carries none', async () => {
    const registry = new WaiterRegistry();
    const change = move('created', 'paid');
    const woken = registry.register('a');
    const held = woken.hold(5000);
    registry.wake('a', change);
    expect(await held).toBe('changed');
    expect(woken.change).toBe(change);
    woken.release();
    const byBus = registry.register('a');
    registry.wake('a');
    expect(await byBus.hold(5000)).toBe('changed');
    expect(byBus.change).toBeUndefined();
    byBus.release();
  });

  it('keeps the first wake-up and its change: a later one does not replace what ended the hold', async () => {
    const registry = new WaiterRegistry();
    const first = move('created', 'paid');
    const ticket = registry.register('a');
    registry.wake('a', first);
    registry.wake('a', move('paid', 'paid'));
    expect(await ticket.hold(5000)).toBe('changed');
    expect(ticket.change).toBe(first);
    ticket.release();
  });
});
