import { describe, expect, it } from 'vitest';
import { MemoryActivityLog } from '../store/memory-activity.js';
import type { ActivityEntry } from './activity-log.js';
import { ActivityRecorder, type ActivityRecorderConfig } from './activity-recorder.js';

const entry = (n: number) => ({ appId: 'default', kind: 'transition' as const, outcome: 'paid', actor: `a${n}` });

function recorder(log: MemoryActivityLog, overrides: Partial<ActivityRecorderConfig> = {}) {
  const warnings: string[] = [];
  const config: ActivityRecorderConfig = {
    instanceId: 'i-test',
    flushIntervalMs: 3_600_000,
    heartbeatIntervalMs: 3_600_000,
    maxBuffered: 100,
    retentionMs: undefined,
    now: () => 1_000,
    logger: { info() {}, warn: (message) => warnings.push(message), error() {} },
    heldWaits: () => 0,
    ...overrides,
  };
  return { recorder: new ActivityRecorder(log, config), warnings };
}

/** A log whose next `failures` appends throw. */
function flakyLog(failures: number): MemoryActivityLog {
  const log = new MemoryActivityLog();
  const append = log.append.bind(log);
  log.append = async (entries: readonly ActivityEntry[]) => {
    if (failures-- > 0) throw new Error('the database is away');
    return append(entries);
  };
  return log;
}

/** The actors of bills b1–b3's entries, in order. */
const actorsIn = async (log: MemoryActivityLog) =>
  (await Promise.all([1, 2, 3].map((n) => log.listForBill(`b${n}`, 10)))).flat().map((e) => e.actor);

describe('ActivityRecorder', () => {
  it('writes nothing until a flush, then the whole buffer in one write, stamped with the instance', async () => {
    const log = new MemoryActivityLog();
    let writes = 0;
    const append = log.append.bind(log);
    log.append = async (entries) => {
      writes += 1;
      return append(entries);
    };
    const { recorder: r } = recorder(log);
    for (const n of [1, 2, 3]) r.record({ ...entry(n), billId: `b${n}` });
    expect(await log.listForBill('b1', 10)).toEqual([]);
    await r.flush();
    expect(writes).toBe(1);
    expect(await actorsIn(log)).toEqual(['a1', 'a2', 'a3']);
    expect((await log.listForBill('b2', 10))[0]).toMatchObject({ at: 1_000, instanceId: 'i-test' });
  });

  it('keeps a batch whose write failed and writes it with the next one', async () => {
    const log = flakyLog(1);
    const { recorder: r, warnings } = recorder(log);
    r.record({ ...entry(1), billId: 'b1' });
    await r.flush();
    expect(warnings).toEqual(['could not write the activity log; retrying with the next batch']);
    r.record({ ...entry(2), billId: 'b2' });
    await r.flush();
    expect(await actorsIn(log)).toEqual(['a1', 'a2']);
  });

  it('drops entries past maxBuffered and says how many', async () => {
    const log = new MemoryActivityLog();
    const { recorder: r, warnings } = recorder(log, { maxBuffered: 2 });
    for (const n of [1, 2, 3]) r.record({ ...entry(n), billId: `b${n}` });
    await r.flush();
    expect(await actorsIn(log)).toEqual(['a1', 'a2']);
    expect(warnings).toEqual(['activity log entries dropped: the store could not keep up']);
  });

  it('cuts a long detail to 200 characters', async () => {
    const log = new MemoryActivityLog();
    const { recorder: r } = recorder(log);
    r.record({ ...entry(1), billId: 'b1', detail: 'x'.repeat(5000) });
    await r.flush();
    expect((await log.listForBill('b1', 1))[0]!.detail).toHaveLength(200);
  });

  it('close writes what is left and stops; start reports the instance at once', async () => {
    const log = new MemoryActivityLog();
    const { recorder: r } = recorder(log, { heldWaits: () => 7 });
    r.start();
    r.record({ ...entry(1), billId: 'b1' });
    await r.close();
    expect(await actorsIn(log)).toEqual(['a1']);
    expect(await log.listInstances(0)).toEqual([
      { instanceId: 'i-test', startedAt: 1_000, seenAt: 1_000, heldWaits: 7 },
    ]);
  });

  it('deletes entries past retention, and instances not heard from since, at its first report', async () => {
    const log = new MemoryActivityLog();
    await log.append([
      { ...entry(1), billId: 'b1', at: 100 },
      { ...entry(2), billId: 'b2', at: 900 },
    ]);
    await log.heartbeat({ instanceId: 'i-gone', startedAt: 0, seenAt: 50, heldWaits: 0 });
    const { recorder: r } = recorder(log, { retentionMs: 500 }); // now 1,000: before 500 goes
    r.start();
    await r.close();
    await expect.poll(() => actorsIn(log)).toEqual(['a2']);
    expect((await log.listInstances(0)).map((i) => i.instanceId)).toEqual(['i-test']);
  });
});
