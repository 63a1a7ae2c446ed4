import type { Bill } from '@coinslot/protocol';
import type {
  FunnelRow,
  MoneyRow,
  PayerRow,
  ReportSource,
  ReportWindow,
  ReversalRow,
  UndeliveredPage,
} from '../../reports/report-source.js';
import {
  funnelSql,
  MONEY,
  moneySql,
  payersSql,
  type ReportStatement,
  reversalsSql,
  undeliveredSql,
} from './report-sql.js';

/** Runs one report statement and answers its rows (each engine's driver behind one function). */
export type RunReportStatement = (statement: ReportStatement) => Promise<Record<string, unknown>[]>;

const TEXT = new Set(['app', 'channel', 'currency', 'country', 'state', 'reason']);

/** A row with every count and sum as a number: PostgreSQL answers `COUNT` and `SUM` of BIGINT as strings. */
function numeric<Row>(row: Record<string, unknown>): Row {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(row)) out[key] = TEXT.has(key) ? String(value ?? '') : Number(value ?? 0);
  return out as Row;
}

/**
 * A {@link ReportSource} over SQL (report-sql.ts): the same statements on SQLite and PostgreSQL, each on an index
 * that covers it (report-columns.ts).
 */
export class SqlReportSource implements ReportSource {
  /** `indexedBy`: name each statement's index in the SQL (SQLite; see report-sql.ts). */
  constructor(
    private readonly run: RunReportStatement,
    private readonly indexedBy = false,
  ) {}

  async #rows<Row>(statement: ReportStatement): Promise<Row[]> {
    return (await this.run(statement)).map((row) => numeric<Row>(row));
  }

  paid(window: ReportWindow): Promise<MoneyRow[]> {
    return this.#rows(moneySql(...MONEY.paid, window, this.indexedBy));
  }

  refunded(window: ReportWindow): Promise<MoneyRow[]> {
    return this.#rows(moneySql(...MONEY.refunded, window, this.indexedBy));
  }

  chargedBack(window: ReportWindow): Promise<MoneyRow[]> {
    return this.#rows(moneySql(...MONEY.chargedBack, window, this.indexedBy));
  }

  funnel(window: ReportWindow): Promise<FunnelRow[]> {
    return this.#rows(funnelSql(window, this.indexedBy));
  }

  payers(window: ReportWindow): Promise<PayerRow[]> {
    return this.#rows(payersSql(window, this.indexedBy));
  }

  reversals(window: ReportWindow): Promise<ReversalRow[]> {
    return this.#rows(reversalsSql(window, this.indexedBy));
  }

  async undelivered(paidBefore: number, app: string | undefined, limit: number): Promise<UndeliveredPage> {
    const [page, count] = undeliveredSql(paidBefore, app, limit);
    const rows = await this.run(page!);
    const total = Number((await this.run(count!))[0]?.total ?? 0);
    return { total, bills: rows.map((row) => JSON.parse(String(row.bill)) as Bill) };
  }
}
