import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { formatTimeLeft, isSpokenStep, runCountdown, secondsLeft } from './countdown.js';

describe('formatTimeLeft', () => {
  it.each([
    [0, '00:00'],
    [9, '00:09'],
    [61, '01:01'],
    [3599, '59:59'],
    [3600, '1:00:00'],
    [7200, '2:00:00'],
  ])('%i s is %s', (seconds, expected) => {
    expect(formatTimeLeft(seconds)).toBe(expected);
  });

  it('rounds the time left up, so 00:00 shows only at the expiry', () => {
    expect([1, 999, 1000, 1001, 0, -5].map(secondsLeft)).toEqual([1, 1, 1, 2, 0, 0]);
  });
});

describe('isSpokenStep', () => {
  it('is true when the seconds left pass 10, 5, 2 and 1 minutes, 30 or 10 seconds, and only then', () => {
    const spoken = [];
    for (let s = 700; s > 0; s -= 1) if (isSpokenStep(s + 1, s)) spoken.push(s);
    expect(spoken).toEqual([600, 300, 120, 60, 30, 10]);
  });

  it('is true once for a jump over a step (a tab that slept)', () => {
    expect(isSpokenStep(400, 250)).toBe(true);
    expect(isSpokenStep(250, 249)).toBe(false);
  });
});

describe('runCountdown', () => {
  beforeEach(() => vi.useFakeTimers({ now: 1_000_000 }));
  afterEach(() => vi.useRealTimers());

  it('ticks at once, then as each whole second passes, then ends at the expiry', () => {
    const ticks: number[] = [];
    const expired = vi.fn();
    runCountdown(1_000_000 + 2_500, (s) => ticks.push(s), expired);
    expect(ticks).toEqual([3]);
    vi.advanceTimersByTime(499);
    expect(ticks).toEqual([3]);
    vi.advanceTimersByTime(1);
    expect(ticks).toEqual([3, 2]);
    vi.advanceTimersByTime(1_000);
    expect(ticks).toEqual([3, 2, 1]);
    vi.advanceTimersByTime(999);
    expect(expired).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(expired).toHaveBeenCalledOnce();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('stops when told to', () => {
    const expired = vi.fn();
    const stop = runCountdown(1_000_000 + 5_000, () => {}, expired);
    stop();
    vi.advanceTimersByTime(10_000);
    expect(expired).not.toHaveBeenCalled();
    expect(vi.getTimerCount()).toBe(0);
  });
});
