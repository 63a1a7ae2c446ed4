import { CoinslotError } from '../errors/coinslot-error.js';
import { abortError } from '../internal/abort.js';
import { isFinal, isUnsettled, type JournalRecord } from '../journal/journal-record.js';
import type { CoinslotRuntime } from '../runtime.js';
import { reportedError } from './reported-error.js';

/** Final records older than this are removed: the server already holds their outcome for good. */
const RETENTION_MS = 30 * 24 * 60 * 60 * 1000;

/** A bill recovery should resume. */
export interface Candidate {
  billId: string;
  source: 'journal' | 'server';
  /** Still waiting for its result (may hold a wait until the deadline), rather than paid. */
  unsettled: boolean;
}

async function journalRecords(rt: CoinslotRuntime, errors: unknown[]): Promise<JournalRecord[]> {
  let records: JournalRecord[];
  try {
    records = await rt.journal.list();
  } catch (cause) {
    errors.push(new CoinslotError('JOURNAL_FAILED', 'The bill journal could not be read; only the server was asked.', { cause }));
    return [];
  }
  const cutoff = Date.now() - RETENTION_MS;
  for (const old of records.filter((record) => isFinal(record.state) && record.updatedAt < cutoff)) {
    await rt.journal.remove(old.billId).catch((error: unknown) => rt.logger.warn(`Could not prune bill ${old.billId}.`, { error }));
  }
  return records;
}

/**
 * Every bill to recover: the journal's bills that are not final, then each player's paid bills on the server that
 * the journal does not hold (a wiped journal, another device). Paid bills come first: they finish at once,
 * while an unsettled one may hold a wait until its deadline.
 */
export async function recoveryCandidates(
  rt: CoinslotRuntime,
  userIds: readonly string[],
  signal: AbortSignal,
  errors: unknown[],
): Promise<Candidate[]> {
  const found = new Map<string, Candidate>();
  for (const record of await journalRecords(rt, errors)) {
    if (!isFinal(record.state)) found.set(record.billId, { billId: record.billId, source: 'journal', unsettled: isUnsettled(record.state) });
  }
  for (const userId of userIds) {
    try {
      for (const bill of await rt.client.listBills(userId, 'paid', signal)) {
        if (!found.has(bill.id)) found.set(bill.id, { billId: bill.id, source: 'server', unsettled: false });
      }
    } catch (error) {
      if (signal.aborted) throw abortError(signal);
      errors.push(reportedError(error, `Listing the paid bills of ${userId} failed`));
    }
  }
  return [...found.values()].sort((a, b) => Number(a.unsettled) - Number(b.unsettled));
}
