const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/**
 * A time to set a test's clock to before it reconciles a day: noon of a coming day where the channel keeps its
 * settlement days (a fixed `utcOffsetHours`, e.g. 8 for Asia/Shanghai), far from either midnight, so no bill paid
 * around it falls into a neighbour day: the noon one day after the first such noon at or after `now` (24 to 48 hours
 * after `now`).
 *
 * @returns `at` (ms since epoch) and `date`, its local day (`YYYY-MM-DD`), the day to reconcile
 */
export function settlementNoon(now: number, utcOffsetHours: number): { at: number; date: string } {
  const noonUtc = (12 - utcOffsetHours) * HOUR_MS;
  const at = Math.ceil((now - noonUtc) / DAY_MS) * DAY_MS + noonUtc + DAY_MS;
  return { at, date: new Date(at + utcOffsetHours * HOUR_MS).toISOString().slice(0, 10) };
}
