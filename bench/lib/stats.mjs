// @ts-check

/**
 * @typedef {object} Summary
 * @property {number} count
 * @property {number} p50
 * @property {number} p99
 * @property {number} max
 * @property {number} mean
 */

/**
 * Percentiles by the nearest-rank method (p99 of 1 000 samples is the 990th smallest).
 * @param {number[]} values
 * @returns {Summary}
 */
export function summarize(values) {
  if (values.length === 0) return { count: 0, p50: NaN, p99: NaN, max: NaN, mean: NaN };
  const sorted = Float64Array.from(values).sort();
  const rank = (/** @type {number} */ p) =>
    sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
  let sum = 0;
  for (const v of sorted) sum += v;
  return {
    count: sorted.length,
    p50: rank(50),
    p99: rank(99),
    max: sorted[sorted.length - 1] ?? NaN,
    mean: sum / sorted.length,
  };
}

/**
 * The least-squares slope of y over x: bytes per held wait from (waits held, bytes) points, which a one-time
 * jump before the first point (the young generation growing, allocator arenas) does not distort.
 * @param {[number, number][]} points
 */
export function slope(points) {
  const n = points.length;
  const mx = points.reduce((a, [x]) => a + x, 0) / n;
  const my = points.reduce((a, [, y]) => a + y, 0) / n;
  let num = 0;
  let den = 0;
  for (const [x, y] of points) {
    num += (x - mx) * (y - my);
    den += (x - mx) ** 2;
  }
  return num / den;
}

/**
 * The median of a few runs' figures and their spread (least, greatest). An even count takes the mean of the two
 * middle values.
 * @param {number[]} values
 * @returns {{ median: number, min: number, max: number }}
 */
export function medianOf(values) {
  if (values.length === 0) return { median: NaN, min: NaN, max: NaN };
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median =
    sorted.length % 2 === 1
      ? /** @type {number} */ (sorted[mid])
      : ((sorted[mid - 1] ?? NaN) + (sorted[mid] ?? NaN)) / 2;
  return { median, min: sorted[0] ?? NaN, max: sorted[sorted.length - 1] ?? NaN };
}
