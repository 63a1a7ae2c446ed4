import type { SettlementRecord } from '@coinslot/server';
import { STRIPE_CHANNEL_ID } from '../channel-id.js';
import { STRIPE_METADATA } from './stripe-metadata.js';

/** The columns a file must have: the itemized balance change report's defaults that name money and time. */
const REQUIRED = ['balance_transaction_id', 'created_utc', 'currency', 'gross', 'reporting_category'];
/** The optional column that names the bill: the PaymentIntent's metadata, chosen when the report is run. */
export const BILL_ID_COLUMN = `payment_metadata[${STRIPE_METADATA.billId}]`;

const KIND_OF: Readonly<Record<string, SettlementRecord['kind']>> = {
  charge: 'payment',
  refund: 'refund',
  dispute: 'chargeback',
};

/** RFC 4180 rows: quoted fields may hold commas, doubled quotes and line breaks. */
function csvRows(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), (i += 1);
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') row.push(field), (field = '');
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i += 1;
      row.push(field), rows.push(row), (row = []), (field = '');
    } else field += c;
  }
  if (field !== '' || row.length > 0) row.push(field), rows.push(row);
  return rows.filter((r) => r.some((value) => value !== ''));
}

/** ISO 4217 minor units of a decimal amount in major units (`"4.99"` USD → 499, `"500"` JPY → 500). */
function minorUnits(gross: string, currency: string): number {
  const digits =
    new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  if (!/^-?\d+(\.\d+)?$/.test(gross)) return Number.NaN;
  return Math.round(Math.abs(Number(gross)) * 10 ** digits);
}

/**
 * Parses Stripe's itemized balance change report (`balance_change_from_activity.itemized`, downloaded from the
 * Dashboard or the Reports API) as CSV: `gross` in major units, `currency` lower case, `created_utc` as
 * `YYYY-MM-DD HH:MM:SS` UTC. Lines of reporting category `charge`, `refund` and `dispute` become settlement lines;
 * fees, payouts and the rest are skipped. The bill id comes from the `payment_metadata[coinslot_bill_id]` column when
 * the report was run with it, the trade number from `payment_intent_id`.
 * @throws Error naming what does not fit
 */
export function parseStripeBalanceReport(bytes: Uint8Array): SettlementRecord[] {
  const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  const [header, ...rows] = csvRows(text);
  const missing = REQUIRED.filter((column) => !header?.includes(column));
  if (!header || missing.length > 0) throw new Error(`missing column(s) ${missing.join(', ')}`);
  const lines: SettlementRecord[] = [];
  rows.forEach((row, index) => {
    const raw = Object.fromEntries(header.map((column, i) => [column, row[i] ?? '']));
    const kind = KIND_OF[raw.reporting_category!];
    if (!kind) return;
    const currency = raw.currency!.toUpperCase();
    const occurredAt = Date.parse(`${raw.created_utc!.replace(' ', 'T')}Z`);
    const amount = /^[A-Z]{3}$/.test(currency) ? minorUnits(raw.gross!, currency) : Number.NaN;
    if (Number.isNaN(occurredAt) || !Number.isSafeInteger(amount)) {
      throw new Error(`line ${index + 2}: created_utc, currency or gross does not fit`);
    }
    lines.push({
      channel: STRIPE_CHANNEL_ID,
      billId: raw[BILL_ID_COLUMN] || undefined,
      channelTradeNo: raw.payment_intent_id || undefined,
      kind,
      amount,
      currency,
      occurredAt,
      raw,
    });
  });
  return lines;
}
