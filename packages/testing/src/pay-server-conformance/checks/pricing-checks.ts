import { UNIT_PRICE } from '../bill-factory.js';
import { checkEqual } from '../check-failure.js';
import type { PayServerCheck } from '../check-context.js';
import { expectError, expectStatus } from '../expect-answer.js';

export const pricingChecks: PayServerCheck[] = [
  {
    id: 'catalog-pricing',
    title:
      'with a catalog the server sets the price: a create without amount is priced price × quantity, a wrong amount or an unpriced item answers 400 AMOUNT_MISMATCH',
    section: '§2 POST /v1/bills',
    unavailable: ({ catalog }) => (catalog ? undefined : 'the server prices from no catalog (options.catalog)'),
    async run(ctx) {
      const { amount: _, ...unpriced } = ctx.bills.body({ quantity: 3 });
      const priced = await ctx.bills.create(unpriced);
      expectStatus(priced, 201, 'a create of 3 items without amount');
      checkEqual(priced.body?.bill?.amount, UNIT_PRICE * 3, 'the amount the server set for 3 items');
      const cheap = await ctx.bills.create(ctx.bills.body({ quantity: 3, amount: 1 }));
      expectError(cheap, 'AMOUNT_MISMATCH', 'a create of 3 items for 1 cent');
      const free = await ctx.bills.create(ctx.bills.body({ amount: 0 }));
      expectError(free, 'AMOUNT_MISMATCH', 'a create for 0 cents');
      const unknown = await ctx.bills.create(ctx.bills.body({ itemId: 'no-such-item-in-the-catalog' }));
      expectError(unknown, 'AMOUNT_MISMATCH', 'a create for an item the catalog does not price');
    },
  },
];
