import type { Bill, JournalRecord, JournalStorage } from '@coinslot/core';

/** The key prefix of core's bill records in its storage (docs/decisions/0003-bill-journal-and-grant-contract.md). */
const BILL_KEY_PREFIX = 'coinslot:bill:';

/** A bill from an earlier run that core's recovery is about to finish. */
export interface UnfinishedBill {
  bill: Bill;
  /** Whether its checkout may still be open (core created or launched it, and it has not expired). */
  checkoutMayBeOpen: boolean;
}

/**
 * The bills the journal holds that recovery will work on: launched or pending ones not yet expired, and paid ones
 * whose item has not arrived. Read-only; a record it does not understand is skipped, and a storage that fails
 * answers none (the events still tell the player when recovery ends).
 */
export async function unfinishedBills(storage: JournalStorage, server?: string): Promise<UnfinishedBill[]> {
  let entries: { value: unknown }[];
  try {
    entries = await storage.list(BILL_KEY_PREFIX);
  } catch {
    return [];
  }
  const now = Date.now();
  const found: UnfinishedBill[] = [];
  for (const { value } of entries) {
    const record = value as Partial<JournalRecord> | null;
    if (record?.v !== 1 || typeof record.bill?.id !== 'string') continue;
    if (server !== undefined && record.server !== undefined && !sameServer(record.server, server)) continue;
    const open = record.state === 'created' || record.state === 'waiting' || record.state === 'pending';
    const awaitingItem = record.state === 'paid' || record.state === 'granted';
    if (open && record.bill.expiresAt > now) found.push({ bill: record.bill, checkoutMayBeOpen: true });
    else if (awaitingItem) found.push({ bill: record.bill, checkoutMayBeOpen: false });
  }
  return found;
}

function sameServer(a: string, b: string): boolean {
  try {
    return new URL(a).origin === new URL(b).origin;
  } catch {
    return a === b;
  }
}
