import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeWebLocks } from '../test-support/fake-web-locks.js';
import { withLock } from './named-lock.js';

afterEach(() => vi.unstubAllGlobals());

const never = new AbortController().signal;
const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

async function overlapOf(run: (work: () => Promise<void>) => Promise<void>): Promise<number> {
  let inside = 0;
  let most = 0;
  const work = async (): Promise<void> => {
    most = Math.max(most, ++inside);
    await tick();
    inside -= 1;
  };
  await Promise.all([run(work), run(work), run(work)]);
  return most;
}

describe('withLock', () => {
  it('runs holders of one name one at a time within the realm, and other names side by side', async () => {
    expect(await overlapOf((work) => withLock('a', never, work))).toBe(1);
    let n = 0;
    expect(await overlapOf((work) => withLock(`b${n++}`, never, work))).toBe(3);
  });

  it('uses navigator.locks when present', async () => {
    const locks = fakeWebLocks();
    vi.stubGlobal('navigator', { locks });
    expect(await overlapOf((work) => withLock('a', never, work))).toBe(1);
    expect(locks.requested).toEqual(['a', 'a', 'a']);
  });

  it('gives up waiting when aborted, without running the work, and the lock still passes on', async () => {
    let releaseFirst!: () => void;
    const first = withLock('c', never, () => new Promise<void>((resolve) => (releaseFirst = resolve)));
    const controller = new AbortController();
    const skipped = vi.fn(async () => undefined);
    const waiting = withLock('c', controller.signal, skipped);
    const third = vi.fn(async () => 'third');
    const later = withLock('c', never, third);
    controller.abort();
    await expect(waiting).rejects.toMatchObject({ code: 'ABORTED' });
    expect(third).not.toHaveBeenCalled();
    releaseFirst();
    await first;
    expect(await later).toBe('third');
    expect(skipped).not.toHaveBeenCalled();
  });
});
