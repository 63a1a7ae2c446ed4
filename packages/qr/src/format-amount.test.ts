import { describe, expect, it } from 'vitest';
import { formatAmount } from './format-amount.js';

describe('formatAmount', () => {
  it.each([
    [1234, 'CNY', 'en', 'CN¥12.34'],
    [1234, 'CNY', 'zh-CN', '¥12.34'],
    [1, 'CNY', 'en', 'CN¥0.01'],
    [500, 'JPY', 'en', '¥500'],
    [499, 'USD', 'en-US', '$4.99'],
    [1500, 'KWD', 'en', 'KWD 1.500'],
  ])('%i %s in %s is %s (minor units to the major unit)', (amount, currency, locale, expected) => {
    expect(formatAmount(amount, currency, locale).replace(/\u00a0/g, ' ')).toBe(expected);
  });

  it('refuses a code that is not a currency', () => {
    expect(() => formatAmount(100, 'yuan', 'en')).toThrow(RangeError);
  });
});
