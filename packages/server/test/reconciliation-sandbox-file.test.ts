import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { parseSandboxSettlement, sandboxSettlementCsv } from '../src/drivers/sandbox/sandbox-settlement-file.js';

describe('the sandbox settlement file', () => {
  it('reads the sample file, a line without bill id included, and writes it back byte for byte', async () => {
    const bytes = await readFile(new URL('./fixtures/reconciliation/sandbox-settlement.csv', import.meta.url));
    const lines = parseSandboxSettlement(bytes, 'sandbox');
    expect(lines.map(({ kind, amount, currency, billId }) => [kind, amount, currency, billId])).toEqual([
      ['payment', 499, 'USD', 'b_01JD4X8Q6J9V2C7Y3F5K0M1N2P'],
      ['refund', 199, 'USD', 'b_01JD4X8Q6J9V2C7Y3F5K0M1N2P'],
      ['chargeback', 1299, 'EUR', 'b_01JD4Y0A1B2C3D4E5F6G7H8J9K'],
      ['payment', 99, 'USD', undefined],
    ]);
    expect(lines[2]!.occurredAt).toBe(Date.parse('2026-03-10T23:59:59.999Z'));
    expect(sandboxSettlementCsv(lines)).toBe(bytes.toString('utf8').replace(/\n/g, '\r\n'));
  });

  it('names the first line that does not fit', () => {
    const file =
      'sandbox_trade_no,bill_id,type,amount,currency,occurred_at\nsbx_1,b_1,payment,4.99,USD,2026-03-10T00:00:00Z\n';
    expect(() => parseSandboxSettlement(new TextEncoder().encode(file), 'sandbox')).toThrow(/line 2/);
  });
});
