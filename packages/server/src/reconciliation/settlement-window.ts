import { dayOfLabel, isTimeZone, startOfLocalDay } from '../reports/time-zone.js';
import type { DayWindow } from './classify-bill.js';

/**
 * The window of settlement day `date` (`YYYY-MM-DD`) in `timeZone`: from its local midnight to the next one, so a
 * day across a daylight-saving change is 23 or 25 hours long. `undefined` for a date or zone that is not real.
 */
export function settlementWindow(date: string, timeZone: string): DayWindow | undefined {
  const day = dayOfLabel(date);
  if (day === undefined || !isTimeZone(timeZone)) return undefined;
  return { from: startOfLocalDay(timeZone, day), to: startOfLocalDay(timeZone, day + 1) };
}
