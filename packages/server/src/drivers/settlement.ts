import type { DriverContext } from './channel-driver.js';

/** One line of what a channel settled, normalised from its own format. Amounts in minor units of `currency`. */
export interface SettlementRecord {
  /** The driver id (`stripe`, `alipay`, `wechatpay`, `steam`, `sandbox`). */
  channel: string;
  /** The pay server's bill id when the channel echoes it (out_trade_no, client_reference_id, orderid …). */
  billId: string | undefined;
  /** The channel's own transaction number (trade_no, transaction_id, payment intent / charge id, transid). */
  channelTradeNo: string | undefined;
  /** What moved money. */
  kind: 'payment' | 'refund' | 'chargeback';
  /** Positive minor units; a refund or chargeback is the amount taken back. */
  amount: number;
  /** ISO 4217, upper case. */
  currency: string;
  /** When the channel says it happened (ms since epoch). */
  occurredAt: number;
  /** The original line's fields, for display and export. */
  raw: Record<string, string>;
}

/** A settlement day: the channel's own calendar day (`date` YYYY-MM-DD in `timeZone`, e.g. Asia/Shanghai for Alipay/WeChat). */
export interface SettlementDay {
  date: string;
  timeZone: string;
}

/** Optional ChannelDriver members (added to ChannelDriver in channel-driver.ts). */
export interface SettlementCapable {
  /** The channel's settlement day convention (time zone). */
  settlementTimeZone?: string;
  /** Downloads what the channel settled on `day` through its API (WeChat Pay trade bill, Alipay bill download, Stripe balance transactions, Steam GetReport). */
  fetchSettlement?(day: SettlementDay, ctx: DriverContext): Promise<SettlementRecord[]>;
  /** Parses a settlement file in the channel's own documented format (uploaded by an admin). */
  parseSettlementFile?(bytes: Uint8Array, ctx: DriverContext): SettlementRecord[] | Promise<SettlementRecord[]>;
}
