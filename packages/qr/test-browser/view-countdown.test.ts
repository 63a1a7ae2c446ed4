// The time left: mm:ss (h:mm:ss from an hour), changing each second, and spoken politely at 10, 5, 2 and 1
// minutes, 30 and 10 seconds — never every second, nor when the view opens.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { dialogIn, openView } from './open-view.js';

const NOW = 1_700_000_000_000;
beforeEach(() => vi.useFakeTimers({ now: NOW }));
afterEach(() => vi.useRealTimers());

const timeLeft = () => dialogIn()?.querySelector('[role="timer"]')?.textContent;
const spoken = () => dialogIn()?.querySelector('[aria-live="polite"]')?.textContent ?? '';

describe('the countdown', () => {
  it('shows the time left as mm:ss and changes it as each second passes', async () => {
    openView({ expiresAt: NOW + 90_500 });
    expect(timeLeft()).toBe('01:31');
    await vi.advanceTimersByTimeAsync(499);
    expect(timeLeft()).toBe('01:31');
    await vi.advanceTimersByTimeAsync(1);
    expect(timeLeft()).toBe('01:30');
    await vi.advanceTimersByTimeAsync(1_000);
    expect(timeLeft()).toBe('01:29');
  });

  it('shows hours when the code lives longer (h:mm:ss)', () => {
    openView({ expiresAt: NOW + 2 * 3_600_000 });
    expect(timeLeft()).toBe('2:00:00');
  });

  it('shows every second once and speaks only at the steps, until it expires', async () => {
    const { outcome } = openView({ expiresAt: NOW + 11 * 60_000 });
    const shown = [timeLeft()];
    const said = [spoken()];
    for (let second = 1; second < 11 * 60; second += 1) {
      await vi.advanceTimersByTimeAsync(1_000);
      shown.push(timeLeft());
      if (spoken() !== said.at(-1)) said.push(spoken());
    }
    expect(shown).toHaveLength(660);
    expect(new Set(shown).size).toBe(660);
    expect([shown[0], shown[1], shown.at(-1)]).toEqual(['11:00', '10:59', '00:01']);
    expect(said).toEqual([
      '',
      'Expires in 10:00',
      'Expires in 05:00',
      'Expires in 02:00',
      'Expires in 01:00',
      'Expires in 00:30',
      'Expires in 00:10',
    ]);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(await outcome).toBe('expired');
  });

  it('keeps the visible time out of the live region (role timer is not announced by itself)', () => {
    openView();
    const timer = dialogIn()?.querySelector('[role="timer"]');
    expect(timer?.closest('[aria-live="polite"]')).toBeNull();
    expect(dialogIn()?.querySelectorAll('[aria-live]')).toHaveLength(1);
  });
});
