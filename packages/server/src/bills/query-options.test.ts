import { describe, expect, it } from 'vitest';
import { resolveQueryOptions } from './query-options.js';

describe('query options', () => {
  it('applies the documented defaults: 2, 5 and 10 min after creation, 1 min after expiry, 4 at once, 10 s each', () => {
    expect(resolveQueryOptions()).toEqual({
      checkpointsMs: [120_000, 300_000, 600_000],
      afterExpiryMs: 60_000,
      concurrency: 4,
      timeoutMs: 10_000,
      intervalMs: 30_000,
    });
  });

  it('sorts checkpoints, drops repeats, and turns each part off with [] and false', () => {
    const resolved = resolveQueryOptions({ checkpointsMs: [300_000, 60_000, 300_000], afterExpiryMs: false });
    expect(resolved).toMatchObject({ checkpointsMs: [60_000, 300_000], afterExpiryMs: false });
    expect(resolveQueryOptions({ checkpointsMs: [] }).checkpointsMs).toEqual([]);
  });

  it('refuses a bad option with a TypeError naming it', () => {
    expect(() => resolveQueryOptions({ checkpointsMs: [120_000, 0] })).toThrow(/query\.checkpointsMs\[1\]/);
    expect(() => resolveQueryOptions({ checkpointsMs: 120_000 as unknown as number[] })).toThrow(
      /query\.checkpointsMs/,
    );
    expect(() => resolveQueryOptions({ afterExpiryMs: -1 })).toThrow(/query\.afterExpiryMs/);
    expect(() => resolveQueryOptions({ concurrency: 1.5 })).toThrow(/query\.concurrency/);
    expect(() => resolveQueryOptions({ timeoutMs: 0 })).toThrow(/query\.timeoutMs/);
    expect(() => resolveQueryOptions({ intervalMs: Number.NaN })).toThrow(/query\.intervalMs/);
  });
});
