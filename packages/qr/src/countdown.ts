/** Seconds left at which the time left is spoken (polite live region): not every second, which would drown a reader. */
export const SPOKEN_AT_SECONDS = [600, 300, 120, 60, 30, 10] as const;

/** Whole seconds left, rounded up: the display reaches 00:00 exactly at the expiry. */
export const secondsLeft = (msLeft: number) => Math.max(0, Math.ceil(msLeft / 1000));

/** `mm:ss`, or `h:mm:ss` from an hour up (a code can live two hours). */
export function formatTimeLeft(seconds: number): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  const rest = `${pad(minutes)}:${pad(seconds % 60)}`;
  return hours > 0 ? `${hours}:${rest}` : rest;
}

/** Whether going from `before` to `now` seconds left passed one of SPOKEN_AT_SECONDS. */
export const isSpokenStep = (before: number, now: number) => SPOKEN_AT_SECONDS.some((at) => now <= at && at < before);

/**
 * Calls `onTick(secondsLeft)` each time the whole seconds left change (timers aligned to the second boundaries of
 * the time left, read from `Date.now()` each time, so they do not drift), then `onExpired()` at `expiresAt`.
 * Returns the function that stops it.
 */
export function runCountdown(expiresAt: number, onTick: (seconds: number) => void, onExpired: () => void): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const tick = () => {
    const msLeft = expiresAt - Date.now();
    if (msLeft <= 0) return onExpired();
    onTick(secondsLeft(msLeft));
    timer = setTimeout(tick, msLeft % 1000 || 1000);
  };
  tick();
  return () => clearTimeout(timer);
}
