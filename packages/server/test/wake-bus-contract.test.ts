import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { BUS_KINDS, closeOpenedBuses, RecordingListener } from './wake-bus-kinds.js';
import { closeTestDatabase } from './postgres-test-database.js';

afterEach(closeOpenedBuses);
afterAll(closeTestDatabase);

describe.each(BUS_KINDS)('wake-up bus contract: $name', (kind) => {
  it('delivers a bill id published by one instance to the listeners of every instance, its own included', async () => {
    const medium = await kind.medium();
    const [a, b] = [await medium.open(), await medium.open()];
    const onA = new RecordingListener();
    const onB = new RecordingListener();
    await a.subscribe(onA);
    await b.subscribe(onB);
    await b.publish('bill_one');
    await onA.until(() => onA.woken.includes('bill_one'), 'A to hear B');
    await onB.until(() => onB.woken.includes('bill_one'), 'B to hear its echo');
    expect(onA.reconnects).toBe(0);
  });

  it('delivers every one of 300 bill ids published at once', async () => {
    const medium = await kind.medium();
    const [a, b] = [await medium.open(), await medium.open()];
    const onA = new RecordingListener();
    await a.subscribe(onA);
    const ids = Array.from({ length: 300 }, (_, i) => `bill_${i}`);
    await Promise.all(ids.map((id) => b.publish(id)));
    await onA.until(() => new Set(onA.woken).size === ids.length, '300 wake-ups');
    expect([...new Set(onA.woken)].sort()).toEqual([...ids].sort());
  });

  it('stops delivering to a closed subscription, and keeps delivering to the others', async () => {
    const medium = await kind.medium();
    const bus = await medium.open();
    const gone = new RecordingListener();
    const kept = new RecordingListener();
    (await bus.subscribe(gone)).close();
    await bus.subscribe(kept);
    await bus.publish('bill_after');
    await kept.until(() => kept.woken.includes('bill_after'), 'the kept listener');
    expect(gone.woken).toEqual([]);
  });

  it('keeps two media apart (another schema or key prefix hears nothing)', async () => {
    const here = await kind.medium();
    const elsewhere = await kind.medium();
    const listener = new RecordingListener();
    const other = new RecordingListener();
    await (await here.open()).subscribe(listener);
    const there = await elsewhere.open();
    await there.subscribe(other);
    await (await here.open()).publish('bill_here');
    await listener.until(() => listener.woken.includes('bill_here'), 'the same medium');
    await there.publish('bill_there'); // a marker: by the time it arrives, a stray bill_here would have too
    await other.until(() => other.woken.includes('bill_there'), 'the other medium');
    expect(other.woken).toEqual(['bill_there']);
  });

  it('resolves a publish after close without throwing', async () => {
    const bus = await (await kind.medium()).open();
    await bus.close();
    await expect(bus.publish('bill_late')).resolves.toBeUndefined();
  });
});
