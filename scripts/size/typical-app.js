// What a game typically writes with core: one instance, one channel loader, one purchase, delivery on success.
// `npm run size` bundles this for the browser (minified, ky and eventemitter3 included) and checks the budget.
import { CoinslotError, createCoinslot } from '@coinslot/core';

const coinslot = createCoinslot({
  server: 'https://pay.example.com',
  channels: { sandbox: () => import('@coinslot/channel-sandbox') },
  appVersion: '1.4.0',
});

/** @param {string} userId */
export async function buyGems(userId) {
  try {
    const result = await coinslot.purchase({
      channel: 'sandbox',
      userId,
      itemId: 'gem-pack-small',
      amount: 499,
      currency: 'USD',
    });
    if (result.status === 'paid') await coinslot.deliver(result.bill.id);
    return result.status;
  } catch (error) {
    if (CoinslotError.isInstance(error)) return error.code;
    throw error;
  }
}
