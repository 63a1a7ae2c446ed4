import { createGrantLedger, type JournalStorage } from '@coinslot/core';
import { createFileStorage } from '@coinslot/core/node';
import { GameError } from '../shared/game-error.js';

/** The player's save, owned by the main process: who plays, their coins, and which bills were granted. */
export interface PlayerSave {
  /** The local player, created with the save. */
  readonly playerId: string;
  /** A player's coins, as saved now. */
  coins(playerId: string): Promise<number>;
  /** Whether the coins of this bill are in the save already. */
  hasGranted(billId: string): Promise<boolean>;
  /**
   * Add `coins` to `playerId` for `billId`, once: the new balance and the bill id are written in one atomic batch.
   * Resolves `true` when added now, `false` when the bill was granted before (nothing added). Rejects with
   * `SAVE_FAILED` when the write failed (then nothing was added).
   */
  addCoinsOnce(billId: string, playerId: string, coins: number): Promise<boolean>;
}

const PLAYER_KEY = 'game:player';

/** The key of a player's balance in the save. */
export const coinsKey = (playerId: string): string => `game:coins:${playerId}`;

async function saved<T>(what: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw GameError.isInstance(error)
      ? error
      : new GameError('SAVE_FAILED', `could not ${what}: ${String(error)}`, { cause: error });
  }
}

/**
 * Open the save in `dir` (created when missing; in Electron `app.getPath('userData')/save`) through core's
 * `createFileStorage` — one file per key, each replaced atomically — and `createGrantLedger`, which stores a grant's
 * coins together with its bill id. One main process owns the folder (`app.requestSingleInstanceLock()`).
 */
export async function openPlayerSave(
  dir: string,
  storage: JournalStorage = createFileStorage(dir),
): Promise<PlayerSave> {
  const ledger = createGrantLedger(storage);
  const playerId = await saved('open the save', async () => {
    const existing = await storage.get(PLAYER_KEY);
    if (typeof existing === 'string') return existing;
    const created = `player-${globalThis.crypto.randomUUID().slice(0, 8)}`;
    await storage.set(PLAYER_KEY, created);
    return created;
  });
  const coins = (player: string) =>
    saved('read the coins', async () => Number((await storage.get(coinsKey(player))) ?? 0));

  return {
    playerId,
    coins,
    hasGranted: (billId) => saved('read the granted bills', () => ledger.has(billId)),
    addCoinsOnce: (billId, player, added) =>
      saved('save the coins', () =>
        ledger.grantOnce(billId, async (tx) => {
          const key = coinsKey(player);
          tx.set(key, Number((await tx.get(key)) ?? 0) + added);
        }),
      ),
  };
}
