/**
 * Coinslot amounts are integers in the currency's ISO 4217 minor unit (protocol §1: cents for USD, yen for JPY).
 * Stripe's amounts are in "the currency's smallest unit" — the same unit for nearly every currency, zero-decimal
 * ones included (JPY, KRW, VND… have no minor unit in ISO 4217 either, so 500 is ¥500 on both sides) and
 * three-decimal ones too (BHD, KWD…; Stripe wants their last digit 0). The exceptions are where Stripe's exponent
 * is not ISO's: ISK (ISO 0, Stripe 2 — "100" is 1 króna and must be a multiple of 100) and MGA (ISO 2, Stripe 0).
 */
const STRIPE_MINUS_ISO_DIGITS: Readonly<Record<string, number>> = { ISK: 2, MGA: -2 };

/**
 * A bill's amount in Stripe's unit.
 * @throws RangeError when Stripe cannot represent it (an MGA amount with a fraction of an ariary)
 */
export function toStripeAmount(amount: number, currency: string): number {
  const shift = STRIPE_MINUS_ISO_DIGITS[currency.toUpperCase()] ?? 0;
  if (shift >= 0) return amount * 10 ** shift;
  const factor = 10 ** -shift;
  if (amount % factor !== 0)
    throw new RangeError(
      `${amount} ${currency} (ISO minor units) is not a whole amount in Stripe's unit for ${currency}`,
    );
  return amount / factor;
}

/** A Stripe amount in the bill's unit (ISO minor units); `NaN` when it has no exact value there. */
export function fromStripeAmount(amount: number, currency: string): number {
  const shift = STRIPE_MINUS_ISO_DIGITS[currency.toUpperCase()] ?? 0;
  if (shift <= 0) return amount * 10 ** -shift;
  const factor = 10 ** shift;
  return amount % factor === 0 ? amount / factor : Number.NaN;
}
