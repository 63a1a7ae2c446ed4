import type { Bill } from '@coinslot/protocol';
import type { PayServerClient } from '../client/pay-server-client.js';
import type { ChannelLogger } from '../contract/payment-interface.js';
import { CoinslotError } from '../errors/coinslot-error.js';
import { abortError } from '../internal/abort.js';
import type { BillJournal } from '../journal/bill-journal.js';
import { isFinal, isUnsettled, mayBePaidLate, type JournalRecord } from '../journal/journal-record.js';

/** Where recovery looks for bills: the journal, and the pay server's list of a player's paid bills. */
export interface CandidateSources {
  journal: BillJournal;
  client: Pick<PayServerClient, 'listBills'>;
  logger: ChannelLogger;
  /** Whether a player token goes with the listing: it names the player, so no `userId` is needed. */
  ownBills: boolean;
}

/** Final records older than this are removed: the server holds their outcome (past any late payment) for good. */
const RETENTION_MS = 30 * 24 * 60 * 60 * 1000;

/**
 * How long after the journal first recorded a bill recovery re-checks it when it ended `cancelled` or `expired`:
 * a late payment (protocol §1) arrives while the channel still retries a payment made before the bill closed —
 * channels retry for days (Stripe: up to 3) — and must then meet a recovery. 7 days covers that with room for a
 * pay-server outage and a player who is away a few days, while each recovery costs at most one request per bill
 * closed in the last week. Both ends are on the client's clock (the journal's `createdAt`). Older bills the
 * server holds as paid are still found by the `state=paid` listing (with `userId`).
 */
export const LATE_PAYMENT_WINDOW_MS = 7 * 24 * 60 * 60 * 1000;

/** A bill recovery should resume. */
export interface Candidate {
  billId: string;
  source: 'journal' | 'server';
  /** Still waiting for its result (may hold a wait until the deadline), rather than paid. */
  unsettled: boolean;
  /** A `cancelled` or `expired` bill (as last known) to re-check for a late payment, not to resume. */
  recheck?: Bill;
}

async function journalRecords({ journal, logger }: CandidateSources, errors: unknown[]): Promise<JournalRecord[]> {
  let records: JournalRecord[];
  try {
    records = await journal.list();
  } catch (cause) {
    errors.push(
      new CoinslotError('JOURNAL_FAILED', 'The bill journal could not be read; only the server was asked.', { cause }),
    );
    return [];
  }
  const cutoff = Date.now() - RETENTION_MS;
  for (const old of records.filter((record) => isFinal(record.state) && record.updatedAt < cutoff)) {
    await journal
      .remove(old.billId)
      .catch((error: unknown) => logger.warn(`Could not prune bill ${old.billId}.`, { error }));
  }
  return records;
}

/**
 * Every bill to recover: the journal's bills that are not final and those it holds as `cancelled` or `expired`
 * within {@link LATE_PAYMENT_WINDOW_MS}, then each player's paid bills on the server that the journal does not
 * hold (a wiped journal, another device) or holds as closed longer ago — without `userIds`, the player token's
 * player's (with a player token). Paid and re-checked bills come first:
 * they finish at once, while an unsettled one may hold a wait until its deadline.
 */
export async function recoveryCandidates(
  sources: CandidateSources,
  userIds: readonly string[],
  signal: AbortSignal,
  errors: unknown[],
): Promise<Candidate[]> {
  const found = new Map<string, Candidate>();
  const recheckSince = Date.now() - LATE_PAYMENT_WINDOW_MS;
  for (const { billId, state, bill, createdAt } of await journalRecords(sources, errors)) {
    if (!isFinal(state)) found.set(billId, { billId, source: 'journal', unsettled: isUnsettled(state) });
    else if (mayBePaidLate(state) && createdAt >= recheckSince)
      found.set(billId, { billId, source: 'journal', unsettled: false, recheck: bill });
  }
  for (const userId of userIds.length > 0 || !sources.ownBills ? userIds : [undefined]) {
    try {
      for (const bill of await sources.client.listBills(userId, 'paid', signal)) {
        if (!found.has(bill.id)) found.set(bill.id, { billId: bill.id, source: 'server', unsettled: false });
      }
    } catch (error) {
      if (signal.aborted) throw abortError(signal);
      errors.push(error);
    }
  }
  return [...found.values()].sort((a, b) => Number(a.unsettled) - Number(b.unsettled));
}
