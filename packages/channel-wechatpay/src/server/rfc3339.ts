/**
 * A moment as RFC 3339 in China Standard Time (UTC+08:00, no daylight saving), the form WeChat Pay's documents use
 * for `time_expire`: `2026-12-06T18:30:00+08:00`. Seconds precision: WeChat Pay takes no fraction.
 */
export function chinaTime(ms: number): string {
  const shifted = new Date(Math.floor(ms / 1000) * 1000 + 8 * 3600_000);
  return `${shifted.toISOString().slice(0, 19)}+08:00`;
}
