import { describe, expect, it } from 'vitest';
import { decodeFormParams } from './form-params.js';

describe("Stripe's form-encoded parameters", () => {
  it('nests bracket keys into objects and indexed keys into lists, as the official libraries encode them', () => {
    const body =
      'mode=payment&line_items[0][quantity]=1&line_items[0][price_data][currency]=usd' +
      '&line_items[0][price_data][unit_amount]=499&line_items[0][price_data][product_data][name]=Gem%20pack%20%C3%97%202' +
      '&line_items[1][quantity]=2&metadata[coinslot_bill_id]=b_1&expand[0]=payment_intent&created[gte]=17';
    expect(decodeFormParams(new URLSearchParams(body))).toEqual({
      mode: 'payment',
      line_items: [
        {
          quantity: '1',
          price_data: { currency: 'usd', unit_amount: '499', product_data: { name: 'Gem pack × 2' } },
        },
        { quantity: '2' },
      ],
      metadata: { coinslot_bill_id: 'b_1' },
      expand: ['payment_intent'],
      created: { gte: '17' },
    });
  });

  it('reads percent-encoded brackets and appends `[]` keys to a list in order', () => {
    expect(decodeFormParams(new URLSearchParams('a%5Bb%5D=1&list[]=x&list[]=y'))).toEqual({
      a: { b: '1' },
      list: ['x', 'y'],
    });
  });

  it('orders list items by index, not by arrival', () => {
    expect(decodeFormParams(new URLSearchParams('l[10]=ten&l[2]=two'))).toEqual({ l: ['two', 'ten'] });
  });

  it.each([['a]b=1'], ['a[b=1'], ['a=1&a[b]=2'], ['a[b]=1&a=2']])('refuses the malformed %s', (body) => {
    expect(() => decodeFormParams(new URLSearchParams(body))).toThrow(/Invalid parameter/);
  });
});
