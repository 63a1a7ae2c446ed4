import type { SettlementDay, SettlementRecord } from '../settlement.js';
import { sandboxTradeNo } from './sandbox-messages.js';
import { settlementWindowOf } from './sandbox-settlement-file.js';

/**
 * What the sandbox "channel" moved, in this process: a payment line when its checkout approves a bill, a refund or
 * chargeback line when its controls reverse one — its settlement for reconciliation (docs/reconciliation.md). In
 * memory, like the sandbox itself: a restart forgets it. Every line of a bill names its payment's `sandboxTradeNo`,
 * the id the sandbox's verdicts carry.
 */
export class SandboxLedger {
  readonly #lines: SettlementRecord[] = [];

  constructor(private readonly channel: string) {}

  /** Records what the sandbox did to bill `billId` at `occurredAt`. */
  record(billId: string, kind: SettlementRecord['kind'], amount: number, currency: string, occurredAt: number): void {
    const channelTradeNo = sandboxTradeNo(billId);
    const raw = {
      sandbox_trade_no: channelTradeNo,
      bill_id: billId,
      type: kind,
      amount: String(amount),
      currency,
      occurred_at: new Date(occurredAt).toISOString(),
    };
    this.#lines.push({ channel: this.channel, billId, channelTradeNo, kind, amount, currency, occurredAt, raw });
  }

  /** The lines of `day` (its window in `day.timeZone`), oldest first. */
  day(day: SettlementDay): SettlementRecord[] {
    const window = settlementWindowOf(day);
    return this.#lines
      .filter((line) => line.occurredAt >= window.from && line.occurredAt < window.to)
      .map((line) => ({ ...line, raw: { ...line.raw } }));
  }
}
