import { describe, expect, it } from 'vitest';
import { dayBySpans, dayLabel, dayOfLabel, offsetSpans, startOfLocalDay } from '../src/reports/time-zone.js';

const at = (iso: string) => Date.parse(iso);
const day = (label: string) => dayOfLabel(label)!;

describe('local days of a time zone', () => {
  it('New York’s spring-forward day is 23 hours and its fall-back day 25', () => {
    const tz = 'America/New_York';
    expect(startOfLocalDay(tz, day('2026-03-08'))).toBe(at('2026-03-08T05:00:00Z'));
    expect(startOfLocalDay(tz, day('2026-03-09'))).toBe(at('2026-03-09T04:00:00Z'));
    expect(startOfLocalDay(tz, day('2026-11-01'))).toBe(at('2026-11-01T04:00:00Z'));
    expect(startOfLocalDay(tz, day('2026-11-02'))).toBe(at('2026-11-02T05:00:00Z'));
  });

  it('Kathmandu’s days start at 18:15 UTC', () => {
    expect(startOfLocalDay('Asia/Kathmandu', day('2026-03-09'))).toBe(at('2026-03-08T18:15:00Z'));
  });

  it('a day whose midnight a DST change skips starts at the first moment after it (Santiago, 2026-09-06)', () => {
    // Chile springs forward at 24:00: 00:00–00:59 of 6 September does not exist there.
    expect(startOfLocalDay('America/Santiago', day('2026-09-06'))).toBe(at('2026-09-06T04:00:00Z'));
  });

  it('finds each offset change in a range to the millisecond and buckets by it', () => {
    const spans = offsetSpans('America/New_York', at('2026-03-01T05:00:00Z'), at('2026-04-01T04:00:00Z'));
    expect(spans).toEqual([
      { from: at('2026-03-01T05:00:00Z'), to: at('2026-03-08T07:00:00Z'), offsetMs: -5 * 3_600_000 },
      { from: at('2026-03-08T07:00:00Z'), to: at('2026-04-01T04:00:00Z'), offsetMs: -4 * 3_600_000 },
    ]);
    expect(dayLabel(dayBySpans(spans, at('2026-03-08T06:59:59.999Z')))).toBe('2026-03-08');
    expect(dayLabel(dayBySpans(spans, at('2026-03-09T03:59:59.999Z')))).toBe('2026-03-08');
    expect(dayLabel(dayBySpans(spans, at('2026-03-09T04:00:00Z')))).toBe('2026-03-09');
  });

  it('refuses a date that does not exist', () => {
    expect(dayOfLabel('2026-02-29')).toBeUndefined();
    expect(dayOfLabel('2028-02-29')).toBe(day('2028-02-29'));
  });
});
