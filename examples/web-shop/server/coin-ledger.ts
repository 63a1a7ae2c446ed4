import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';

/** One paid bill's coins, as the shop's backend granted them (and took some or all of them back). */
export interface CoinGrant {
  /** The pay server's bill id: at most one grant per bill. */
  billId: string;
  /** The bill's player (`bill.userId`, which the pay server took from the player's token). */
  playerId: string;
  /** The pack bought. */
  itemId: string;
  /** Coins added for the bill (0 for a bill whose reversal arrived before any grant). */
  coins: number;
  /** Coins taken back after a refund or chargeback, at most `coins`. */
  takenBack: number;
  /** `granted`, or the bill's reversal: `refunded` (in part or whole) or `charged_back`. */
  state: 'granted' | 'refunded' | 'charged_back';
  /** When the grant was written, ISO 8601. */
  grantedAt: string;
}

/** What the file holds: each player's balance, and every bill granted, written together. */
interface LedgerData {
  balances: Record<string, number>;
  grants: Record<string, CoinGrant>;
}

/** A change to the ledger: answers the new data (a copy), or `undefined` to write nothing. */
export type LedgerChange = (data: Readonly<LedgerData>) => LedgerData | undefined;

/** The game backend's own record of coins: the only place a balance is kept. */
export interface CoinLedger {
  /** The player's balance now. */
  balance(playerId: string): number;
  /** The player's grants, newest first, at most `limit`. */
  grants(playerId: string, limit: number): CoinGrant[];
  /** The grant of one bill, if any. */
  grantOf(billId: string): CoinGrant | undefined;
  /**
   * Applies `change` and writes the result in ONE write (a whole new file, renamed over the old one), so a balance
   * and the grant that moved it are stored together or not at all. Changes run one after another; answers whether
   * something was written.
   */
  update(change: LedgerChange): Promise<boolean>;
}

const EMPTY: LedgerData = { balances: {}, grants: {} };

/**
 * Open the ledger kept in `file` (JSON; created on the first write), or in memory when `file` is undefined. A real
 * game keeps this in its database; what matters is that a grant and its bill id are one write.
 */
export async function openCoinLedger(file?: string): Promise<CoinLedger> {
  let data = file === undefined ? EMPTY : await readLedger(file);
  let queue: Promise<unknown> = Promise.resolve();

  const write = async (next: LedgerData): Promise<void> => {
    if (file === undefined) return;
    await mkdir(dirname(file), { recursive: true });
    const temporary = `${file}.${process.pid}.tmp`;
    try {
      const handle = await open(temporary, 'w');
      try {
        await handle.writeFile(`${JSON.stringify(next, null, 2)}\n`);
        await handle.sync(); // on disk before it replaces the old file
      } finally {
        await handle.close();
      }
      await rename(temporary, file); // atomic: a crash leaves the old file or the new one, never half of one
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
  };

  return {
    balance: (playerId) => data.balances[playerId] ?? 0,
    grants: (playerId, limit) =>
      Object.values(data.grants)
        .filter((grant) => grant.playerId === playerId)
        .sort((a, b) => b.grantedAt.localeCompare(a.grantedAt))
        .slice(0, limit),
    grantOf: (billId) => data.grants[billId],
    update(change) {
      const run = queue.then(async () => {
        const next = change(data);
        if (next === undefined) return false;
        await write(next);
        data = next; // only once it is stored: a failed write changes nothing, and the webhook is retried
        return true;
      });
      queue = run.catch(() => undefined);
      return run;
    },
  };
}

async function readLedger(file: string): Promise<LedgerData> {
  try {
    const parsed = JSON.parse(await readFile(file, 'utf8')) as Partial<LedgerData>;
    return { balances: parsed.balances ?? {}, grants: parsed.grants ?? {} };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return EMPTY;
    throw new Error(`cannot read the coin ledger ${file}: ${(error as Error).message}`, { cause: error });
  }
}
