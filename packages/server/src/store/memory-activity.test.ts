import { describe, expect, it } from 'vitest';
import type { ActivityEntry } from '../activity/activity-log.js';
import { MemoryActivityLog } from './memory-activity.js';

const entry = (at: number): ActivityEntry => ({
  at,
  appId: 'game-a',
  kind: 'transition',
  outcome: 'paid',
  actor: 'sweeper',
  billId: 'b1',
});

describe('MemoryActivityLog', () => {
  it('keeps only the newest entries appended once past its cap', async () => {
    const log = new MemoryActivityLog(3);
    await log.append([entry(1), entry(2)]);
    await log.append([entry(3), entry(4), entry(5)]);
    expect((await log.listForBill('b1', 10)).map((e) => e.at)).toEqual([3, 4, 5]);
  });
});
