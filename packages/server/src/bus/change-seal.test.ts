import type { Bill } from '@coinslot/protocol';
import { describe, expect, it } from 'vitest';
import { BillTokens } from '../auth/bill-tokens.js';
import { ChangeSeal } from './change-seal.js';
import { decodeWake, encodeWake } from './wake-wire.js';

const SECRET = 'a-shared-secret-of-at-least-32-bytes!!';
const bill = (state: string, extra: Record<string, unknown> = {}) =>
  ({ id: 'bill_1', state, amount: 100, ...extra }) as unknown as Bill;
const change = { from: bill('created'), to: bill('paid', { paidAt: 5 }) };
const sealOf = async (secret = SECRET) => ChangeSeal.create(await BillTokens.create(secret));

describe('ChangeSeal', () => {
  it('opens what an instance with the same secret sealed, as it was', async () => {
    const sealed = await (await sealOf()).seal('bill_1', change);
    expect(await (await sealOf()).open('bill_1', sealed!)).toEqual(change);
  });

  it('opens nothing sealed under another secret, for another bill, or changed on the way', async () => {
    const sealed = (await (await sealOf()).seal('bill_1', change))!;
    const seal = await sealOf();
    expect(await (await sealOf('another-secret-of-at-least-32-bytes!!')).open('bill_1', sealed)).toBeUndefined();
    expect(await seal.open('bill_2', sealed)).toBeUndefined();
    expect(await seal.open('bill_1', sealed.replace('"paid"', '"refunded"'))).toBeUndefined();
    expect(await seal.open('bill_1', `${'A'.repeat(43)}\n${sealed.split('\n')[1]}`)).toBeUndefined();
    expect(await seal.open('bill_1', 'no newline')).toBeUndefined();
  });

  it('opens nothing whose bills are not the named bill, even correctly sealed', async () => {
    const seal = await sealOf();
    const other = { from: { ...change.from, id: 'bill_2' }, to: change.to };
    expect(await seal.open('bill_1', (await seal.seal('bill_1', other))!)).toBeUndefined();
  });

  it('seals nothing too long for a PostgreSQL NOTIFY payload (8,000 bytes): the id goes alone', async () => {
    const seal = await sealOf();
    const long = { from: bill('created', { note: 'x'.repeat(4000) }), to: bill('paid', { note: 'x'.repeat(4000) }) };
    expect(await seal.seal('bill_1', long)).toBeUndefined();
    expect((await seal.seal('bill_1', change))!.length).toBeLessThan(7000);
  });

  it('is not a bill token: the derived key differs from the secret’s own MACs', async () => {
    const tokens = await BillTokens.create(SECRET);
    const sealed = (await (await ChangeSeal.create(tokens)).seal('bill_1', change))!;
    expect(sealed.split('\n')[0]).not.toBe((await tokens.mint('bill_1')).slice(4));
  });
});

describe('the wake-up message', () => {
  it('is the id alone, or the id and the sealed change after a newline', () => {
    expect(encodeWake('bill_1')).toBe('bill_1');
    expect(decodeWake('bill_1')).toEqual({ billId: 'bill_1' });
    expect(decodeWake(encodeWake('bill_1', 'mac\n{"a":1}'))).toEqual({ billId: 'bill_1', sealed: 'mac\n{"a":1}' });
  });
});
