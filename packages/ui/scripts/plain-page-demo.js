// The plain-page demo the screenshots script bundles (esbuild) into one page: @coinslot/ui over a stand-in for core
// that lists five ready channels and keeps every purchase open, so the views can be shown in the default theme.
import { mountCheckout } from '@coinslot/ui';

const ready = new Map(['sandbox', 'stripe', 'alipay', 'wechatpay', 'steam'].map((id) => [id, {}]));
const listeners = new Map();
const coinslot = {
  ready: async () => ({ ready, skipped: [] }),
  on(event, listener) {
    listeners.set(event, [...(listeners.get(event) ?? []), listener]);
    return () => {};
  },
  off() {},
  purchase(request) {
    const bill = { id: 'bill_demo', channel: request.channel, amount: request.amount, currency: request.currency };
    setTimeout(() => {
      for (const listener of listeners.get('bill-created') ?? []) listener({ bill });
    }, 50);
    return new Promise(() => {});
  },
};

const ui = mountCheckout(document.querySelector('#checkout'), {
  coinslot,
  locale: new URLSearchParams(location.search).get('lang') ?? 'en',
});
document
  .querySelector('#buy')
  .addEventListener('click', () => ui.buy({ itemId: 'gems-500', amount: 499, currency: 'USD' }));
