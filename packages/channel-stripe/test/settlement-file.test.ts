import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { parseStripeBalanceReport } from '../src/server/stripe-settlement-file.js';

describe("Stripe's itemized balance change report", () => {
  it('reads charges, refunds and disputes in ISO minor units, with the bill id column, and skips payouts', async () => {
    const bytes = await readFile(new URL('./fixtures/itemized-balance-change.csv', import.meta.url));
    const lines = parseStripeBalanceReport(bytes);
    expect(lines.map(({ kind, amount, currency, billId }) => [kind, amount, currency, billId])).toEqual([
      ['payment', 499, 'USD', 'b_01JD4X8Q6J9V2C7Y3F5K0M1N2P'],
      ['refund', 199, 'USD', 'b_01JD4X8Q6J9V2C7Y3F5K0M1N2P'],
      ['payment', 500, 'JPY', 'b_01JD4Y0A1B2C3D4E5F6G7H8J9K'],
      ['chargeback', 499, 'USD', 'b_01JD4Z1B2C3D4E5F6G7H8J9K0M'],
    ]);
    expect(lines[0]).toMatchObject({
      channelTradeNo: 'pi_3PqA1bLkdIwHu7ix0i7j8k9l',
      occurredAt: Date.parse('2026-03-10T09:15:02Z'),
    });
    expect(lines[2]!.raw.description).toBe('Gems, large pack');
  });

  it('refuses a file without the report’s columns', () => {
    expect(() => parseStripeBalanceReport(new TextEncoder().encode('id,amount\ntxn_1,4.99\n'))).toThrow(
      /missing column/,
    );
  });
});
