import type { Bill } from '@coinslot/protocol';
import {
  appOf,
  countryOf,
  type FunnelRow,
  launchedAtOf,
  type MoneyRow,
  type PayerRow,
  type ReportSource,
  type ReportWindow,
  type ReversalRow,
  type UndeliveredPage,
} from './report-source.js';
import { dayBySpans } from './time-zone.js';

/** Sums rows under a key: `add` updates the row `make` created for the first bill of that key. */
function groupBy<Row>(
  bills: Iterable<Bill>,
  key: (bill: Bill) => string,
  make: (bill: Bill) => Row,
  add: (row: Row, bill: Bill) => void,
): Row[] {
  const rows = new Map<string, Row>();
  for (const bill of bills) {
    const k = key(bill);
    let row = rows.get(k);
    if (!row) rows.set(k, (row = make(bill)));
    add(row, bill);
  }
  return [...rows.values()];
}

/**
 * The {@link ReportSource} of the in-memory store: a walk over every bill per report. Straightforward, not fast —
 * the memory store is for development and tests; the durable stores answer from indexes.
 */
export class MemoryReportSource implements ReportSource {
  constructor(private readonly bills: () => Iterable<Bill>) {}

  *#within(window: ReportWindow, time: (bill: Bill) => number | undefined): Iterable<Bill> {
    for (const bill of this.bills()) {
      const t = time(bill);
      if (t === undefined || t < window.from || t >= window.to) continue;
      if (window.app === undefined || appOf(bill) === window.app) yield bill;
    }
  }

  #money(window: ReportWindow, time: (bill: Bill) => number | undefined, amount: (bill: Bill) => number): MoneyRow[] {
    const dims = (bill: Bill) => {
      const day = dayBySpans(window.spans, time(bill)!);
      return { day, app: appOf(bill), channel: bill.channel, currency: bill.currency, country: countryOf(bill) };
    };
    return groupBy(
      this.#within(window, time),
      (bill) => JSON.stringify(dims(bill)),
      (bill) => ({ ...dims(bill), count: 0, amount: 0 }),
      (row, bill) => {
        row.count += 1;
        row.amount += amount(bill);
      },
    );
  }

  async paid(window: ReportWindow): Promise<MoneyRow[]> {
    return this.#money(
      window,
      (bill) => bill.paidAt,
      (bill) => bill.amount,
    );
  }

  async refunded(window: ReportWindow): Promise<MoneyRow[]> {
    return this.#money(
      window,
      (bill) => bill.refundedAt,
      (bill) => bill.refundedAmount ?? 0,
    );
  }

  async chargedBack(window: ReportWindow): Promise<MoneyRow[]> {
    return this.#money(
      window,
      (bill) => bill.chargedBackAt,
      (bill) => bill.amount - (bill.refundedAmount ?? 0),
    );
  }

  async funnel(window: ReportWindow): Promise<FunnelRow[]> {
    const dims = (bill: Bill) => ({
      day: dayBySpans(window.spans, bill.createdAt),
      app: appOf(bill),
      channel: bill.channel,
      state: bill.state,
      reason: bill.state === 'failed' ? (bill.failureReason ?? '') : '',
    });
    return groupBy(
      this.#within(window, (bill) => bill.createdAt),
      (bill) => JSON.stringify(dims(bill)),
      (bill) => ({ ...dims(bill), created: 0, launched: 0, paid: 0, delivered: 0 }),
      (row, bill) => {
        row.created += 1;
        if (launchedAtOf(bill) !== undefined) row.launched += 1;
        if (bill.paidAt !== undefined) row.paid += 1;
        if (bill.deliveredAt !== undefined) row.delivered += 1;
      },
    );
  }

  async payers(window: ReportWindow): Promise<PayerRow[]> {
    const players = new Map<string, { row: PayerRow; users: Set<string> }>();
    for (const bill of this.#within(window, (b) => b.paidAt)) {
      for (const currency of [bill.currency, '']) {
        const key = JSON.stringify([appOf(bill), currency]);
        let entry = players.get(key);
        if (!entry) {
          entry = { row: { app: appOf(bill), currency, payers: 0, bills: 0, gross: 0 }, users: new Set() };
          players.set(key, entry);
        }
        entry.users.add(bill.userId);
        entry.row.bills += 1;
        if (currency !== '') entry.row.gross += bill.amount;
      }
    }
    return [...players.values()].map(({ row, users }) => ({ ...row, payers: users.size }));
  }

  async reversals(window: ReportWindow): Promise<ReversalRow[]> {
    const dims = (bill: Bill) => ({ app: appOf(bill), channel: bill.channel, currency: bill.currency });
    return groupBy(
      this.#within(window, (bill) => bill.paidAt),
      (bill) => JSON.stringify(dims(bill)),
      (bill) => ({
        ...dims(bill),
        paid: 0,
        paidAmount: 0,
        refunded: 0,
        refundedAmount: 0,
        chargedBack: 0,
        chargedBackAmount: 0,
      }),
      (row, bill) => {
        row.paid += 1;
        row.paidAmount += bill.amount;
        if (bill.refundedAt !== undefined) {
          row.refunded += 1;
          row.refundedAmount += bill.refundedAmount ?? 0;
        }
        if (bill.chargedBackAt !== undefined) {
          row.chargedBack += 1;
          row.chargedBackAmount += bill.amount - (bill.refundedAmount ?? 0);
        }
      },
    );
  }

  async undelivered(paidBefore: number, app: string | undefined, limit: number): Promise<UndeliveredPage> {
    const stuck = [...this.bills()]
      .filter((bill) => bill.state === 'paid' && bill.paidAt !== undefined && bill.paidAt < paidBefore)
      .filter((bill) => app === undefined || appOf(bill) === app)
      .sort((a, b) => a.paidAt! - b.paidAt! || (a.id < b.id ? -1 : 1));
    return { total: stuck.length, bills: stuck.slice(0, limit).map((bill) => structuredClone(bill)) };
  }
}
