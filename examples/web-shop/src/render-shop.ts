import { formatPrice, priceOf, type ShopCurrency, type ShopItem } from './shop-items.js';

/** The shop's live parts of the page. */
export interface ShopView {
  /** The Buy button of each item, keyed by item id (`button[data-item="…"]`). */
  buttons: Map<string, HTMLButtonElement>;
  /** Show a balance. */
  showBalance(coins: number): void;
  /** Enable or disable every Buy button (while loading, or while a purchase runs). */
  setBusy(busy: boolean): void;
  /** Show every price in `currency` (the picked channel's). */
  showPrices(currency: ShopCurrency): void;
}

/** Render one card per item into `#items` and return handles on the parts that change. */
export function renderShop(items: readonly ShopItem[], onBuy: (item: ShopItem) => void): ShopView {
  const grid = element('#items');
  const balance = element('#balance');
  const buttons = new Map<string, HTMLButtonElement>();

  for (const item of items) {
    const card = document.createElement('article');
    card.className = 'item';
    card.innerHTML = `
      <div class="item-art" aria-hidden="true"><span class="coin"></span><span class="coin"></span><span class="coin"></span></div>
      <h2 class="item-name"></h2>
      <p class="item-coins"><strong></strong> coins</p>
      <button type="button" class="buy" disabled></button>`;
    if (item.badge) card.insertAdjacentHTML('afterbegin', '<span class="badge"></span>');
    card.querySelector('.badge')?.append(item.badge ?? '');
    card.querySelector('.item-name')!.textContent = item.name;
    card.querySelector('.item-coins strong')!.textContent = item.coins.toLocaleString();
    const button = card.querySelector<HTMLButtonElement>('button.buy')!;
    button.dataset.item = item.id;
    button.addEventListener('click', () => onBuy(item));
    buttons.set(item.id, button);
    grid.append(card);
  }

  const showPrices = (currency: ShopCurrency) => {
    for (const item of items) {
      const { amount } = priceOf(item, currency);
      buttons.get(item.id)!.textContent = `Buy ${formatPrice(amount, currency)}`;
    }
  };
  showPrices('USD');

  return {
    buttons,
    showPrices,
    showBalance(coins) {
      balance.textContent = coins.toLocaleString();
      balance.dataset.coins = String(coins);
    },
    setBusy(busy) {
      for (const button of buttons.values()) button.disabled = busy;
      grid.setAttribute('aria-busy', String(busy));
    },
  };
}

function element(selector: string): HTMLElement {
  const found = document.querySelector<HTMLElement>(selector);
  if (!found) throw new Error(`The shop page has no ${selector}`);
  return found;
}
