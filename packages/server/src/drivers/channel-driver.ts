import type { Bill, LaunchPayload } from '@coinslot/protocol';
import type { PayServerLogger } from '../options.js';
import type {
  ChannelStatus,
  ChannelVerification,
  NotificationVerdict,
  NotificationVerification,
} from './channel-verdicts.js';
import type { SettlementDay, SettlementRecord } from './settlement.js';

/** Who reports a channel's result: the channel's server (a notification) or its client SDK (a proof). */
export type ResultSource = 'server' | 'client';

export type {
  ChannelChargeback,
  ChannelIgnored,
  ChannelPending,
  ChannelRefund,
  ChannelRefusal,
  ChannelReversal,
  ChannelStatus,
  ChannelTransition,
  ChannelVerdict,
  ChannelVerification,
  NotificationVerdict,
  NotificationVerification,
  ReversalTransition,
} from './channel-verdicts.js';

/** What every driver hook receives. */
export interface DriverContext {
  /** The server's public base URL, without a trailing slash (the `publicUrl` option or the request's origin). */
  publicUrl: string;
  /** The server's clock, ms since epoch. */
  now(): number;
  /** The server's logger. */
  logger: PayServerLogger;
}

/** What a driver's {@link ChannelDriver.routes} receives besides the request. */
export interface DriverRouteContext extends DriverContext {
  /** The parsed request URL. */
  url: URL;
  /** A bill by id (expired lazily like every read), or `undefined`. */
  getBill(id: string): Promise<Bill | undefined>;
  /** The raw body within the server's body limit (`413` past it). */
  readBody(request: Request): Promise<Uint8Array>;
  /** A JSON object body within the limit (`400 INVALID_JSON`, `413`, `415` as the protocol says). */
  readJson(request: Request): Promise<Record<string, unknown>>;
  /** Sends `request` through the pay server's own handler, e.g. a notification to `/v1/notify/<id>`. */
  dispatch(request: Request): Promise<Response>;
}

/**
 * The server-side half of a payment channel (protocol v1 §7). Implement it as a plain object returned by a
 * factory (`createXDriver(options)`) and pass it in `createPayServer({ drivers })`. Secrets stay in the driver.
 *
 * The server owns the bill's state: a driver never writes to the store. It builds the launch payload and
 * verifies what the channel says; the server checks the verdict against the stored bill and applies it.
 */
export interface ChannelDriver {
  /** The channel id (`CHANNEL_ID` / `isChannelId` in `@coinslot/protocol`), as bills and `/v1/notify/:channel` name it. */
  readonly id: string;
  /** Which result paths the channel uses; `client` needs {@link verifyProof}, `server` needs {@link verifyNotification}. */
  readonly resultSource: readonly ResultSource[];
  /**
   * Builds the launch payload for a new bill: what the channel's client adapter needs to start paying
   * (a checkout URL, a native order id…). Called once per bill; replays of the create reuse the stored payload.
   * Must not contain a secret. Throwing fails the create with `500 INTERNAL` and stores nothing.
   */
  launch(bill: Readonly<Bill>, ctx: DriverContext): LaunchPayload | Promise<LaunchPayload>;
  /**
   * Verifies a notification sent by the channel's server to `POST /v1/notify/<id>` — its signature over `rawBody`
   * (the exact bytes received) with the channel's secret — and maps the event to the protocol's terms:
   * - a {@link ChannelVerdict}: what the channel signed about a bill; the server then checks bill, channel, amount
   *   and currency against the stored bill before any change;
   * - a {@link ChannelReversal}: the channel refunded (`refundedAmount`, its running total) or charged back a
   *   payment; checked the same way (amount and currency of the original charge), then applied to a `paid`,
   *   `delivered` or `refunded` bill;
   * - a {@link ChannelRefusal} for anything not verified or malformed: `400 INVALID_NOTIFICATION`, nothing changes
   *   (the channel will retry it);
   * - a {@link ChannelIgnored} for a verified event that changes no bill (an event type the driver does not map):
   *   `200 { "ok": true, "ignored": true }`, nothing changes, the reason is logged.
   */
  verifyNotification?(request: Request, rawBody: Uint8Array, ctx: DriverContext): Promise<NotificationVerification>;
  /**
   * Verifies a proof a client-result adapter reports through `POST /v1/bills/:id/report` for `bill`.
   * `proof` is the client's untrusted JSON object. A refusal answers `400 INVALID_PROOF`.
   */
  verifyProof?(bill: Readonly<Bill>, proof: Record<string, unknown>, ctx: DriverContext): Promise<ChannelVerification>;
  /**
   * The answer the channel's server expects once a notification was applied (or was a harmless repeat).
   * @default `200 { "ok": true }`
   */
  acknowledge?(verdict: NotificationVerdict, bill: Readonly<Bill>, ctx: DriverContext): Response;
  /**
   * The channel's own pages and endpoints under `/v1/<id>/…` (a hosted checkout, a callback). Answer
   * `undefined` for a path the driver does not serve (`404 NOT_FOUND`). Throw a `ProtocolError` for an error answer.
   */
  routes?(request: Request, ctx: DriverRouteContext): Promise<Response | undefined>;
  /**
   * Asks the provider for the bill's status now (the query fallback, protocol §7): the server asks about bills still
   * `created` at checkpoints after their creation and once after their expiry, so a notification that never arrives
   * never loses a payment. Answer the provider's verified statement as a verdict (a payment, a decline, a reversal),
   * `{ pending: true }` while it has nothing final, or a refusal. Throwing (the provider unreachable) is logged and
   * asked again at the next checkpoint. Without `query`, a lost notification waits for the channel's own retries.
   */
  query?(bill: Readonly<Bill>, ctx: DriverContext): Promise<ChannelStatus>;
  /** The channel's settlement day convention (an IANA time zone), for reconciliation. @default `UTC` */
  readonly settlementTimeZone?: string;
  /** Downloads what the channel settled on `day` through its API (see `SettlementCapable` in settlement.ts). */
  fetchSettlement?(day: SettlementDay, ctx: DriverContext): Promise<SettlementRecord[]>;
  /** Parses a settlement file in the channel's own documented format (uploaded by an admin). */
  parseSettlementFile?(bytes: Uint8Array, ctx: DriverContext): SettlementRecord[] | Promise<SettlementRecord[]>;
}
