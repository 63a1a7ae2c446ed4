// What a driver's verification of a notification or proof amounts to (protocol v1 §7): the channel's word about a
// bill, in the protocol's terms. The server checks it against the stored bill and applies it (bills/apply-verdict.ts).

/** The transitions a channel may cause on a `created` bill. */
export type ChannelTransition = 'paid' | 'failed' | 'cancelled';

/**
 * A verified statement of the channel about one bill's payment. The server applies it only after comparing `billId`,
 * `amount` and `currency` with the stored bill, so a driver reports what the channel signed, not what it expects.
 */
export interface ChannelVerdict {
  /** The bill the channel speaks about. */
  billId: string;
  /** What happened. */
  transition: ChannelTransition;
  /** For `failed`: the bill's `failureReason` (`declined`, `channel-error`, …). @default 'declined' */
  reason?: string;
  /** The amount the channel charged, in minor units. */
  amount: number;
  /** The currency the channel charged in. */
  currency: string;
  /**
   * The channel's own identifier of this payment (Alipay `trade_no`, WeChat Pay `transaction_id`, Stripe's
   * PaymentIntent id, Steam's `transid`, the sandbox's `sbx_…` id), when the channel names one: the number an
   * operator searches the admin console by. The same identifier the channel's settlement file shows for the payment
   * (`SettlementRecord.channelTradeNo`), so a reconciliation mismatch finds the bill. At most 128 characters; an
   * identifier, never a secret (no token, signature or card data).
   */
  channelTradeNo?: string;
}

/** The transitions a channel's reversal of a payment causes on a `paid`, `delivered` or `refunded` bill. */
export type ReversalTransition = 'refunded' | 'charged_back';

/** What every reversal names: the bill and its **original charge**, checked against the bill like a payment's. */
export interface ChannelReversalBase {
  /** The bill whose payment was reversed. */
  billId: string;
  /** The original charge's amount, in minor units (not the part given back). */
  amount: number;
  /** The original charge's currency. */
  currency: string;
  /** The channel's reason (`requested_by_customer`, `fraudulent`, …), stored as the bill's `reversalReason`. */
  reason?: string;
  /**
   * The channel's own identifier of the **original payment** (as in {@link ChannelVerdict.channelTradeNo}), not of
   * the refund or dispute, so one search finds the bill from its payment or its reversal. At most 128 characters;
   * never a secret. Left out when the channel's reversal notice does not name the payment.
   */
  channelTradeNo?: string;
}

/** The channel refunded the payment, in part or whole (protocol v1 §1, "Reversals"). */
export interface ChannelRefund extends ChannelReversalBase {
  transition: 'refunded';
  /**
   * The **cumulative** amount the channel has refunded on this payment so far, in minor units, 1 to `amount`: the
   * channel's running total, not this refund's part. A total the bill already shows (or a lower one) is a repeat.
   */
  refundedAmount: number;
}

/** The channel charged the payment back: a dispute the merchant lost, or a bank reversal. Final. */
export interface ChannelChargeback extends ChannelReversalBase {
  transition: 'charged_back';
}

/** A channel's reversal of a bill's payment: a refund or a chargeback. Only notifications carry one, never proofs. */
export type ChannelReversal = ChannelRefund | ChannelChargeback;

/** Any verdict a notification can carry: about the payment, or about its reversal. */
export type NotificationVerdict = ChannelVerdict | ChannelReversal;

/** The driver refused the notification or proof (bad signature, malformed, unknown). Nothing changes. */
export interface ChannelRefusal {
  refused: true;
  /** Why, for the server's log and the error message; never include a secret. */
  reason: string;
}

/** What a driver's verification answers. Throwing instead means "the driver failed": `500 INTERNAL`. */
export type ChannelVerification = ChannelVerdict | ChannelRefusal;

/**
 * The notification is the channel's — its signature verified — but says nothing the server keeps on a bill: an
 * event type the driver does not map (a payout, a balance update, a test ping, a dispute merely opened). A refund
 * or a lost dispute is not ignored: report it as a {@link ChannelReversal}. The server answers
 * `200 { "ok": true, "ignored": true }` so the channel stops retrying, changes nothing and logs the reason. Answer
 * it only after the signature verified; anything unverified or malformed is a {@link ChannelRefusal}.
 */
export interface ChannelIgnored {
  ignored: true;
  /** Why, for the server's log, e.g. `unmapped event type payout.paid`; never include a secret. */
  reason: string;
  /**
   * The answer the channel expects so it stops retrying (Alipay: the text `success`), when it is not any `2xx`.
   * @default `200 { "ok": true, "ignored": true }`
   */
  response?: Response;
}

/** What a driver's notification verification answers: a verdict, a reversal, a refusal, or a verified event it ignores. */
export type NotificationVerification = ChannelVerification | ChannelReversal | ChannelIgnored;

/** The provider knows nothing final about the bill yet (not paid, not declined): the query fallback asks again later. */
export interface ChannelPending {
  pending: true;
  /** What the provider said, for the log (`WAIT_BUYER_PAY`, `NOTPAY`, `open`…); never include a secret. */
  reason?: string;
}

/**
 * What a driver's query answers (`ChannelDriver.query`): a verdict about the bill (applied like a notification's,
 * after the same checks of bill, channel, amount and currency), pending, or a refusal (the provider's answer did not
 * verify or parse: logged, asked again at the next checkpoint).
 */
export type ChannelStatus = NotificationVerdict | ChannelPending | ChannelRefusal;
