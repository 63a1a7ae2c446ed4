/** The player's coins, kept in `localStorage` per player. A bill's coins are granted at most once. */
export interface CoinWallet {
  /** The player this wallet belongs to. */
  readonly playerId: string;
  /** The current balance. */
  balance(): number;
  /**
   * Add `coins` for a paid bill. Returns false (and adds nothing) when that bill was already granted,
   * e.g. when core re-offers a paid bill after a reload that happened before `deliver` went through.
   */
  grant(billId: string, coins: number): boolean;
}

interface WalletState {
  balance: number;
  granted: string[];
}

const KEEP_GRANTED = 200;

/** Open the wallet of this browser's player, creating a player id on first visit. */
export function openCoinWallet(storage: Storage = localStorage): CoinWallet {
  const playerId = storage.getItem('coinslot-shop:player') ?? `player-${crypto.randomUUID().slice(0, 8)}`;
  storage.setItem('coinslot-shop:player', playerId);
  const key = `coinslot-shop:wallet:${playerId}`;

  const read = (): WalletState => {
    try {
      const state = JSON.parse(storage.getItem(key) ?? 'null') as WalletState | null;
      if (state && Number.isInteger(state.balance) && Array.isArray(state.granted)) return state;
    } catch {
      // A damaged entry starts a fresh wallet rather than breaking the shop.
    }
    return { balance: 0, granted: [] };
  };

  return {
    playerId,
    balance: () => read().balance,
    grant(billId, coins) {
      const state = read();
      if (state.granted.includes(billId)) return false;
      const granted = [...state.granted, billId].slice(-KEEP_GRANTED);
      storage.setItem(key, JSON.stringify({ balance: state.balance + coins, granted }));
      return true;
    },
  };
}
