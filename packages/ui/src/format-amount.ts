/**
 * A bill's amount for the player: minor units in the currency's major unit, for `lang` (`499, 'USD'` → `$4.99`).
 * The UI's own, so that `@coinslot/qr` (which has the same function) loads only with the QR view.
 */
export function formatAmount(amount: number, currency: string, lang: string): string {
  const format = new Intl.NumberFormat(lang, { style: 'currency', currency });
  return format.format(amount / 10 ** (format.resolvedOptions().maximumFractionDigits ?? 2));
}
