import type { Bill } from '@coinslot/protocol';
import type { ChannelLogger } from '../contract/payment-interface.js';
import type { JournalStorage } from '../storage/journal-storage.js';
import {
  canMove,
  isJournalRecord,
  type JournalRecord,
  type JournalState,
  type PendingReason,
} from './journal-record.js';

/** The key prefix of bill records in the storage. */
export const BILL_KEY_PREFIX = 'coinslot:bill:';

/** A change to a bill's record. */
export interface JournalChange {
  state: JournalState;
  pendingReason?: PendingReason;
  /** The bill's token, given when the record is created; later writes keep it. */
  billToken?: string | undefined;
  /** The app granted it itself and said so with `deliver()`: recorded as `grantedAt`, like a `granted` state. */
  granted?: boolean;
  /** The `revoke` hook returned for it: recorded as `revokedAt`. */
  revoked?: boolean;
}

/** The bill journal of one pay server over a {@link JournalStorage}. Internal. */
export interface BillJournal {
  read(billId: string): Promise<JournalRecord | undefined>;
  /** This server's records, oldest first. Values that are not records are skipped. */
  list(): Promise<JournalRecord[]>;
  /** Create the bill's record or move it as {@link canMove} allows (never back); rejects when the storage fails. */
  write(bill: Bill, change: JournalChange): Promise<JournalRecord>;
  /** {@link write}, but a storage failure is logged instead of thrown: for changes after the channel launched. */
  note(bill: Bill, change: JournalChange): Promise<void>;
  remove(billId: string): Promise<void>;
}

// Read-modify-write of one record must not interleave, also between two instances over one storage in one page.
const queues = new WeakMap<JournalStorage, Promise<unknown>>();

function serial<T>(storage: JournalStorage, work: () => Promise<T>): Promise<T> {
  const run = (queues.get(storage) ?? Promise.resolve()).then(work);
  queues.set(
    storage,
    run.catch(() => undefined),
  );
  return run;
}

/** Create the journal of bills on `server`, kept in `storage`. */
export function createBillJournal(storage: JournalStorage, server: string, logger: ChannelLogger): BillJournal {
  const keyOf = (billId: string): string => BILL_KEY_PREFIX + billId;
  const read = async (billId: string): Promise<JournalRecord | undefined> => {
    const value = await storage.get(keyOf(billId));
    return isJournalRecord(value) && value.server === server ? value : undefined;
  };
  const journal: BillJournal = {
    read,
    async list() {
      const entries = await storage.list(BILL_KEY_PREFIX);
      const records = entries.map((entry) => entry.value).filter(isJournalRecord);
      return records.filter((record) => record.server === server).sort((a, b) => a.createdAt - b.createdAt);
    },
    write: (bill, change) =>
      serial(storage, async () => {
        const current = await read(bill.id);
        if (current && !canMove(current.state, change.state)) return current;
        const now = Date.now();
        const next: JournalRecord = {
          v: 1,
          billId: bill.id,
          server,
          userId: bill.userId,
          channel: bill.channel,
          state: change.state,
          bill,
          billToken: change.billToken ?? current?.billToken,
          createdAt: current?.createdAt ?? now,
          updatedAt: now,
        };
        if (change.state === 'pending') next.pendingReason = change.pendingReason ?? 'error';
        const grantedAt = current?.grantedAt ?? (change.state === 'granted' || change.granted ? now : undefined);
        if (grantedAt !== undefined) next.grantedAt = grantedAt;
        const deliveredAt = change.state === 'delivered' ? (bill.deliveredAt ?? now) : current?.deliveredAt;
        if (deliveredAt !== undefined) next.deliveredAt = deliveredAt;
        const revokedAt = current?.revokedAt ?? (change.revoked ? now : undefined);
        if (revokedAt !== undefined) next.revokedAt = revokedAt;
        await storage.set(keyOf(bill.id), next);
        return next;
      }),
    async note(bill, change) {
      try {
        await journal.write(bill, change);
      } catch (error) {
        logger.error(`Could not record bill ${bill.id} as ${change.state} in the journal (${storage.kind}).`, {
          error,
        });
      }
    },
    remove: (billId) => serial(storage, () => storage.delete(keyOf(billId))),
  };
  return journal;
}
