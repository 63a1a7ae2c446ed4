/** One paid bill's coins, as the shop's backend granted them (server/coin-ledger.ts). */
export interface WalletGrant {
  billId: string;
  itemId: string;
  /** Coins added for the bill. */
  coins: number;
  /** Coins taken back after a refund or chargeback. */
  takenBack: number;
  state: 'granted' | 'refunded' | 'charged_back';
  grantedAt: string;
}

/** The logged-in player's coins as the backend has them: `GET /api/wallet`. */
export interface Wallet {
  playerId: string;
  /** The balance. */
  coins: number;
  /** The newest grants first. */
  grants: WalletGrant[];
}

/**
 * Read the session player's wallet from the shop's backend. The page only shows it: the coins live in the backend's
 * ledger, granted there from the pay server's webhooks, so nothing the player edits in this browser (IndexedDB,
 * localStorage, a request) changes them.
 */
export async function readWallet(): Promise<Wallet> {
  const response = await fetch('/api/wallet', { credentials: 'same-origin', cache: 'no-store' });
  if (!response.ok) throw new Error(`the shop answered ${response.status} for the wallet`);
  return (await response.json()) as Wallet;
}

/**
 * Show the wallet through `show`, reading it again on every call of the returned function; only the latest read is
 * shown, whatever order the reads finish in. `onError` hears a failed read.
 */
export function walletView(show: (wallet: Wallet) => void, onError: (error: unknown) => void): () => void {
  let reads = 0;
  return () => {
    const read = ++reads;
    readWallet().then((wallet) => read === reads && show(wallet), onError);
  };
}
