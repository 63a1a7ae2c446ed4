/**
 * The amount for a player: minor units → the currency's major unit, formatted for the locale (`1234, 'CNY'` →
 * `¥12.34`; `500, 'JPY'` → `¥500`). The minor unit's digits are the ones `Intl.NumberFormat` uses for the currency.
 * Throws a RangeError for a code that is not a currency.
 */
export function formatAmount(amount: number, currency: string, locale?: string): string {
  const format = new Intl.NumberFormat(locale, { style: 'currency', currency });
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  return format.format(amount / 10 ** digits);
}
