import { describe, expect, it } from 'vitest';
import { fromStripeAmount, toStripeAmount } from './stripe-amounts.js';

describe('amounts between Coinslot (ISO 4217 minor units) and Stripe (smallest currency unit)', () => {
  it.each([
    ['USD', 499, 499],
    ['EUR', 1, 1],
    ['JPY', 500, 500],
    ['KRW', 1200, 1200],
    ['BHD', 1230, 1230],
    ['ISK', 1500, 150_000],
    ['MGA', 250_000, 2500],
  ])('%s: %i in the bill is %i at Stripe, and back', (currency, coinslot, stripe) => {
    expect(toStripeAmount(coinslot, currency)).toBe(stripe);
    expect(fromStripeAmount(stripe, currency)).toBe(coinslot);
  });

  it('refuses a bill amount Stripe cannot represent, and a Stripe amount with no exact bill amount', () => {
    expect(() => toStripeAmount(250_050, 'MGA')).toThrow(RangeError);
    expect(fromStripeAmount(150_050, 'ISK')).toBeNaN();
  });
});
