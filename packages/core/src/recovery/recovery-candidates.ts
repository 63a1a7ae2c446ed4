import { REVERSED_STATES, type Bill } from '@coinslot/protocol';
import type { PayServerClient } from '../client/pay-server-client.js';
import type { ChannelLogger } from '../contract/payment-interface.js';
import type { RevokeHook } from '../deliver/revoke-hook.js';
import { CoinslotError } from '../errors/coinslot-error.js';
import { abortError } from '../internal/abort.js';
import type { BillJournal } from '../journal/bill-journal.js';
import { isFinal, isUnsettled, mayBePaidLate, type JournalRecord } from '../journal/journal-record.js';

/** Where recovery looks for bills: the journal, and the pay server's lists of a player's paid and reversed bills. */
export interface CandidateSources {
  journal: BillJournal;
  client: Pick<PayServerClient, 'listBills'>;
  logger: ChannelLogger;
  /** Whether a player token goes with the listing: it names the player, so no `userId` is needed. */
  ownBills: boolean;
  /** The app's revoke hook, if any: a reversed bill this journal granted is re-checked until it was offered to it. */
  revoke: RevokeHook | undefined;
}

const DAY_MS = 24 * 60 * 60 * 1000;
/** Final records older than this are removed: the server holds their outcome (past any late payment) for good. */
const RETENTION_MS = 30 * DAY_MS;
/**
 * `delivered` records are kept longer: a refund or a chargeback (card networks allow about 120 days, PayPal 180) must
 * still meet the record saying this journal granted the bill, or its `revoke` never runs.
 */
const DELIVERED_RETENTION_MS = 180 * DAY_MS;
/** Journal states whose bill the channel may still reverse (or reverse further). */
const REVERSIBLE = ['paid', 'granted', 'delivered', 'refunded'];

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
  /**
   * A bill (as last known) to re-check with one signed read, not to resume: a `cancelled` or `expired` one for a late
   * payment, or one the server lists as refunded or charged back.
   */
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
  const now = Date.now();
  const expired = ({ state, updatedAt }: JournalRecord): boolean =>
    isFinal(state) && updatedAt < now - (state === 'delivered' ? DELIVERED_RETENTION_MS : RETENTION_MS);
  for (const old of records.filter(expired)) {
    await journal
      .remove(old.billId)
      .catch((error: unknown) => logger.warn(`Could not prune bill ${old.billId}.`, { error }));
  }
  return records;
}

/**
 * Whether a bill the server lists as reversed is news to its journal record: the journal has not recorded that
 * reversal (or that refunded amount), or it granted the bill and the app's `revoke` has not returned for it yet.
 */
const reversalNews = (record: JournalRecord, listed: Bill, revokes: boolean): boolean =>
  record.state !== listed.state ||
  record.bill.refundedAmount !== listed.refundedAmount ||
  (revokes && record.grantedAt !== undefined && record.revokedAt === undefined);

/**
 * Every bill to recover: the journal's bills that are not final and those it holds as `cancelled` or `expired`
 * within {@link LATE_PAYMENT_WINDOW_MS}, then each player's paid bills on the server that the journal does not
 * hold (a wiped journal, another device) or holds as closed longer ago — without `userIds`, the player token's
 * player's (with a player token). When the journal holds a bill that may still be reversed, also each player's
 * refunded and charged-back bills that are news to their journal record ({@link reversalNews}), to re-check; one
 * the journal does not hold was not granted here and is left alone. Paid and re-checked bills come first:
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
  const records = new Map<string, JournalRecord>();
  for (const record of await journalRecords(sources, errors)) {
    const { billId, state, bill, createdAt } = record;
    records.set(billId, record);
    if (!isFinal(state)) found.set(billId, { billId, source: 'journal', unsettled: isUnsettled(state) });
    else if (mayBePaidLate(state) && createdAt >= recheckSince)
      found.set(billId, { billId, source: 'journal', unsettled: false, recheck: bill });
  }
  const reversible = [...records.values()].some((record) => REVERSIBLE.includes(record.state));
  for (const userId of userIds.length > 0 || !sources.ownBills ? userIds : [undefined]) {
    try {
      for (const bill of await sources.client.listBills(userId, 'paid', signal)) {
        if (!found.has(bill.id)) found.set(bill.id, { billId: bill.id, source: 'server', unsettled: false });
      }
      for (const state of reversible ? REVERSED_STATES : []) {
        for (const listed of await sources.client.listBills(userId, state, signal)) {
          const record = records.get(listed.id);
          if (record && !found.has(listed.id) && reversalNews(record, listed, !!sources.revoke))
            found.set(listed.id, { billId: listed.id, source: 'server', unsettled: false, recheck: record.bill });
        }
      }
    } catch (error) {
      if (signal.aborted) throw abortError(signal);
      errors.push(error);
    }
  }
  return [...found.values()].sort((a, b) => Number(a.unsettled) - Number(b.unsettled));
}
