import { CoinslotError } from '../errors/coinslot-error.js';
import { assertBillId } from '../internal/rules.js';
import { withLock } from '../locks/named-lock.js';
import type { JournalStorage, StorageWrite } from '../storage/journal-storage.js';

/** The writes of one grant (or revocation): staged, then stored in one batch together with the bill id. */
export interface GrantTransaction {
  /** Read a key: the value staged in this transaction, else the stored one. */
  get(key: string): Promise<unknown>;
  /** Stage a write of a JSON value. Keys starting with `coinslot:` are core's and refused. */
  set(key: string, value: unknown): void;
  /** Stage a deletion. */
  delete(key: string): void;
}

/**
 * Grants applied exactly once per bill id (and revoked at most once), for games that keep the player's items on the
 * client.
 */
export interface GrantLedger {
  /**
   * Apply a bill's grant once: when `billId` is not recorded yet, run `apply` to stage the item writes, then
   * store them and the bill id in one atomic batch. Answers `true` when it applied them now, `false` when the
   * bill was already granted (then `apply` does not run). Grants of one ledger run one at a time (across tabs
   * where Web Locks exist), so two bills adding to one balance cannot lose an update.
   */
  grantOnce(billId: string, apply: (tx: GrantTransaction) => void | Promise<void>): Promise<boolean>;
  /**
   * Take a bill's grant back once, for the `revoke` hook: when this ledger granted `billId` and has not revoked it,
   * run `apply` to stage the writes that take the item back, then store them and the revocation in one atomic batch.
   * Answers `true` when it applied them now, `false` when there was nothing to revoke (never granted through this
   * ledger, or revoked already; then `apply` does not run) — pass that on:
   * `revoke: (o) => ledger.revokeOnce(o.billId, …)`.
   */
  revokeOnce(billId: string, apply: (tx: GrantTransaction) => void | Promise<void>): Promise<boolean>;
  /** Whether the bill id was granted through this ledger (revoked since or not). */
  has(billId: string): Promise<boolean>;
}

const PREFIX = 'coinslot:granted:';
const REVOKED = 'coinslot:revoked:';
const LOCK = 'coinslot:grant-ledger';
const never = new AbortController().signal;

/**
 * A {@link GrantLedger} over a {@link JournalStorage} — the one the journal uses, or another. Keep the items it
 * grants in the same storage (read them with `storage.get`) so the item and the bill id land in one write:
 *
 * ```ts
 * const storage = createIndexedDbStorage();
 * const ledger = createGrantLedger(storage);
 * createCoinslot({ …, storage, grant: ({ bill, billId }) => ledger.grantOnce(billId, async (tx) => {
 *   const gems = Number((await tx.get('inventory:gems')) ?? 0);
 *   tx.set('inventory:gems', gems + 100 * bill.quantity);
 * }), revoke: ({ bill, billId }) => ledger.revokeOnce(billId, async (tx) => {
 *   const gems = Number((await tx.get('inventory:gems')) ?? 0);
 *   tx.set('inventory:gems', Math.max(0, gems - 100 * bill.quantity));
 * }) });
 * ```
 *
 * Other writes to those items (spending gems) should not race a grant: make them in the same storage, ideally
 * after `await ledger.grantOnce` resolves.
 */
export function createGrantLedger(storage: JournalStorage): GrantLedger {
  const stored = async (key: string): Promise<boolean> => (await storage.get(key)) !== undefined;
  const has = (billId: string): Promise<boolean> => stored(PREFIX + billId);
  // Stage `apply`'s writes and store them with the bill's marker (`{ [field]: now }`) in one batch, unless `skip` says
  // there is nothing to do.
  const once = async (
    billId: string,
    apply: (tx: GrantTransaction) => void | Promise<void>,
    [prefix, field]: readonly [string, string],
    skip: () => Promise<boolean>,
  ): Promise<boolean> => {
    assertBillId(billId);
    return withLock(LOCK, never, async () => {
      if (await skip()) return false;
      const staged = new Map<string, StorageWrite>();
      const stage = (write: StorageWrite): void => {
        if (write.key.startsWith('coinslot:'))
          throw new CoinslotError(
            'INVALID_REQUEST',
            `A grant or revoke may not write "${write.key}": keys starting with "coinslot:" are core's.`,
          );
        staged.set(write.key, write);
      };
      await apply({
        get: async (key) => {
          const write = staged.get(key);
          if (write === undefined) return storage.get(key);
          return 'value' in write ? write.value : undefined;
        },
        set: (key, value) => stage({ key, value }),
        delete: (key) => stage({ key, delete: true }),
      });
      await storage.batch([...staged.values(), { key: prefix + billId, value: { [field]: Date.now() } }]);
      return true;
    });
  };
  return {
    has,
    grantOnce: (billId, apply) => once(billId, apply, [PREFIX, 'grantedAt'], () => has(billId)),
    revokeOnce: (billId, apply) =>
      once(billId, apply, [REVOKED, 'revokedAt'], async () => !(await has(billId)) || stored(REVOKED + billId)),
  };
}
