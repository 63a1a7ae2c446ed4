import type { Bill } from '@coinslot/protocol';
import { describe, expect, it } from 'vitest';
import { BillTokens } from '../auth/bill-tokens.js';
import { LocalChange } from '../waits/committed-change.js';
import { ChangeSeal } from './change-seal.js';
import { decodeWake, encodeWake } from './wake-wire.js';

const SECRET = 'a-shared-secret-of-at-least-32-bytes!!';
const bill = (state: string, extra: Record<string, unknown> = {}) =>
  ({ id: 'bill_1', state, amount: 100, ...extra }) as unknown as Bill;
const change = new LocalChange(bill('created'), bill('paid', { paidAt: 5 }));
const seen = JSON.stringify(change.from); // a hold's last read: the bill the change replaced
const sealOf = async (secret = SECRET) => ChangeSeal.create(await BillTokens.create(secret));

describe('ChangeSeal', () => {
  it('gives the stored bill to a hold whose last read was the bill the change replaced', async () => {
    const sealed = (await (await sealOf()).seal('bill_1', change))!;
    expect(await (await sealOf()).open('bill_1', sealed)!.after(seen)).toEqual(change.to);
  });

  it('gives nothing to a hold that read another bill (an older or a newer one)', async () => {
    const opened = (await sealOf()).open('bill_1', (await (await sealOf()).seal('bill_1', change))!)!;
    expect(await opened.after(JSON.stringify(change.to))).toBeUndefined();
    expect(await opened.after(JSON.stringify(bill('created', { note: 'another read' })))).toBeUndefined();
  });

  it('gives nothing sealed under another secret, for another bill, or changed on the way', async () => {
    const sealed = (await (await sealOf()).seal('bill_1', change))!;
    const seal = await sealOf();
    expect(await (await sealOf('another-secret-of-at-least-32-bytes!!')).open('bill_1', sealed)!.after(seen)).toBe(
      undefined,
    );
    expect(await seal.open('bill_2', sealed)!.after(seen)).toBeUndefined();
    expect(await seal.open('bill_1', sealed.replace('"paid"', '"refunded"'))!.after(seen)).toBeUndefined();
    expect(await seal.open('bill_1', `${'A'.repeat(43)}\n${sealed.split('\n')[1]}`)!.after(seen)).toBeUndefined();
    expect(seal.open('bill_1', 'no newline')).toBeUndefined();
    expect(seal.open('bill_1', 'short-mac\n{}')).toBeUndefined();
  });

  it('gives nothing whose stored bill is not the named bill, even correctly sealed', async () => {
    const seal = await sealOf();
    const other = new LocalChange(change.from, bill('paid', { id: 'bill_2' }));
    expect(await seal.open('bill_1', (await seal.seal('bill_1', other))!)!.after(seen)).toBeUndefined();
  });

  it('seals nothing too long for a PostgreSQL NOTIFY payload (8,000 bytes): the id goes alone', async () => {
    const seal = await sealOf();
    expect(await seal.seal('bill_1', new LocalChange(change.from, bill('paid', { note: 'x'.repeat(7000) })))).toBe(
      undefined,
    );
    expect((await seal.seal('bill_1', change))!.length).toBeLessThan(7000);
  });

  it('sends the stored bill only: the replaced one is covered by the MAC, not carried', async () => {
    const sealed = (await (await sealOf()).seal('bill_1', change))!;
    expect(sealed.split('\n')[1]).toBe(JSON.stringify(change.to));
  });

  it('is not a bill token: the derived key differs from the secret’s own MACs', async () => {
    const tokens = await BillTokens.create(SECRET);
    const key = await tokens.deriveKey('coinslot/bus/committed-change/v1');
    const direct = new Uint8Array(await crypto.subtle.sign('HMAC', key, new TextEncoder().encode('bill_1')));
    expect(Buffer.from(direct).toString('base64url')).not.toBe((await tokens.mint('bill_1')).slice(4));
  });
});

describe('the wake-up message', () => {
  it('is the id alone, or the id and the sealed change after a newline', () => {
    expect(encodeWake('bill_1')).toBe('bill_1');
    expect(decodeWake('bill_1')).toEqual({ billId: 'bill_1' });
    expect(decodeWake(encodeWake('bill_1', 'mac\n{"a":1}'))).toEqual({ billId: 'bill_1', sealed: 'mac\n{"a":1}' });
  });
});
