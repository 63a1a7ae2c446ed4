import type { Wallet } from '../shared/bridge-contract.js';
import type { CoinPack } from '../shared/shop-items.js';

/** The tone of an activity line. */
export type Tone = 'info' | 'good' | 'bad';

/** The shop's page: coin packs with Buy buttons, the wallet, and an activity log. */
export interface ShopView {
  /** Show the player and their coins (`#coins[data-coins]`). */
  showWallet(wallet: Wallet): void;
  /** Enable or disable every Buy button. */
  setBusy(busy: boolean): void;
  /** Add an activity line (`#log li[data-state][data-bill-id]`), newest first. */
  log(text: string, tone?: Tone, subject?: { billId?: string; state?: string }): void;
}

function element(root: ParentNode, selector: string): HTMLElement {
  const found = root.querySelector<HTMLElement>(selector);
  if (!found) throw new Error(`The shop page has no ${selector}`);
  return found;
}

/** Render one card per pack into `#packs` (`button[data-item]`); `onBuy` runs inside the click. */
export function renderShop(document: Document, packs: readonly CoinPack[], onBuy: (pack: CoinPack) => void): ShopView {
  const grid = element(document, '#packs');
  const coins = element(document, '#coins');
  const player = element(document, '#player');
  const list = element(document, '#log');
  const buttons: HTMLButtonElement[] = [];

  for (const pack of packs) {
    const card = document.createElement('article');
    card.className = 'pack';
    const name = document.createElement('h3');
    name.textContent = pack.name;
    const amount = document.createElement('p');
    amount.textContent = `${pack.coins.toLocaleString()} coins`;
    const button = document.createElement('button');
    button.type = 'button';
    button.disabled = true;
    button.dataset.item = pack.id;
    button.textContent = `Buy ${new Intl.NumberFormat(undefined, { style: 'currency', currency: pack.currency }).format(pack.amount / 100)}`;
    button.addEventListener('click', () => onBuy(pack));
    buttons.push(button);
    card.append(name, amount, button);
    grid.append(card);
  }

  return {
    showWallet(wallet) {
      coins.textContent = wallet.coins.toLocaleString();
      coins.dataset.coins = String(wallet.coins);
      player.textContent = wallet.playerId;
    },
    setBusy(busy) {
      for (const button of buttons) button.disabled = busy;
      grid.setAttribute('aria-busy', String(busy));
    },
    log(text, tone = 'info', subject = {}) {
      const line = document.createElement('li');
      line.className = tone;
      line.textContent = text;
      if (subject.billId !== undefined) line.dataset.billId = subject.billId;
      if (subject.state !== undefined) line.dataset.state = subject.state;
      list.prepend(line);
      while (list.children.length > 50) list.lastElementChild?.remove();
    },
  };
}
