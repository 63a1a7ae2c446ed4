/**
 * Wire types of protocol v1 (`docs/protocol.md`): the one definition of the contract that clients, the reference
 * server and any third-party server compile against.
 */
import type { BillState } from './bill-states.js';
import type { ServerErrorCode } from './error-codes.js';

/** The fields a client sends to create a bill (`POST /v1/bills`). */
export interface CreateBillBody {
  /**
   * The player's id in the studio's account system (1–128 chars). With a player token it may be left out (the
   * token's `sub` is the player) and must equal it when given; with a server key it is required.
   */
  userId?: string;
  /** The studio's item (SKU) id (1–128 chars). */
  itemId: string;
  /** How many items, 1–10 000. */
  quantity: number;
  /** Total price in the currency's minor unit (cents for USD). */
  amount: number;
  /** ISO 4217 code, e.g. `USD`. */
  currency: string;
  /** The channel id, e.g. `sandbox`. */
  channel: string;
  /** The game's own reference, returned untouched (≤ 1 024 chars). */
  passThrough?: string;
  /** The player's platform: `web`, `windows`, `macos`, `linux`, `android`, `ios`. */
  os?: string;
  /** The game's version. */
  appVersion?: string;
  /** The SDK's version; core fills it in. */
  sdkVersion?: string;
  /** Any JSON object (≤ 4 096 bytes serialised); stored, never interpreted. */
  extra?: Record<string, unknown>;
  /**
   * The player's country, ISO 3166-1 alpha-2 (`DE`). Accepted from a server key only (the game backend's
   * server-to-server create); a player's create answers `403 FORBIDDEN` — with player tokens the server reads it from
   * the token (protocol §1, "Country").
   */
  country?: string;
}

/** A bill as the pay server reports it. */
export interface Bill extends CreateBillBody {
  /** The server's opaque bill id. */
  id: string;
  /**
   * The game (app) the bill belongs to (`APP_ID` syntax), set by the server from the verified credential that
   * created it — never from a request body; `"default"` on a server that runs one game (protocol §1, "Apps").
   */
  appId: string;
  /** The player who owns the bill, as the server verified it. */
  userId: string;
  /** The current state. */
  state: BillState;
  /** Why the bill failed, when `state` is `failed` (`declined`, `channel-error`, …). */
  failureReason?: string;
  /** Creation time, ms since epoch. */
  createdAt: number;
  /** Last change, ms since epoch. */
  updatedAt: number;
  /** When the bill was paid, once it was. */
  paidAt?: number;
  /** When the bill was delivered, once it was. */
  deliveredAt?: number;
  /** After this moment an unpaid bill becomes `expired`. */
  expiresAt: number;
  /** When `state` is `refunded`: how much of `amount` the channel gave back so far, in minor units (1–`amount`). */
  refundedAmount?: number;
  /** When the bill was (last) refunded. */
  refundedAt?: number;
  /** When the channel charged the payment back (a dispute the merchant lost or a bank reversal). */
  chargedBackAt?: number;
  /** The channel's reason for a refund or chargeback (`requested_by_customer`, `fraudulent`, …), when it gave one. */
  reversalReason?: string;
  /** When the player's client reported it launched the channel's checkout (`POST /v1/bills/:id/launch`), once. */
  launchedAt?: number;
}

/** The channel's launch payload: shaped by the channel's driver and adapter, opaque to core. */
export type LaunchPayload = Record<string, unknown>;

/** Answer of `POST /v1/bills`. */
export interface CreateBillResponse {
  bill: Bill;
  launch: LaunchPayload;
  /**
   * The bill's capability token (`cbt_…`), answered only to its creator (and to a replay of the same create). Sent
   * as `Authorization: Bearer cbt_…`, it reads, waits on, reports, cancels and (where players deliver) delivers this
   * one bill. Keep it with the bill; never log it.
   */
  billToken: string;
}

/** Answer of the held wait `GET /v1/bills/:id/result`. */
export interface ResultResponse {
  /** Convenience copy for logs; never trusted. */
  state: BillState;
  /** Convenience copy for logs; never trusted. */
  settled: boolean;
  /** The signed result, a compact JWS. */
  result: string;
}

/**
 * Answer of the held wait for a bill still `created`, when the request asked `pending=unsigned` (§3): no signed
 * result, so nothing in it is trusted — the client asks again, as after a signed "still pending". A server may sign it
 * anyway (one that predates `pending` does); every other answer is a {@link ResultResponse}.
 */
export interface UnsignedPendingResponse {
  state: 'created';
  settled: false;
}

/** The payload inside a signed result (a compact JWS). Every field the client uses is signed. */
export interface SignedResultPayload {
  v: 1;
  billId: string;
  userId: string;
  itemId: string;
  quantity: number;
  amount: number;
  currency: string;
  channel: string;
  state: BillState;
  failureReason: string | null;
  passThrough: string | null;
  /** The refunded amount when `state` is `refunded`, else `null`. A server older than this member may omit it. */
  refundedAmount?: number | null;
  /** Echo of the nonce the answered wait sent. */
  nonce: string;
  /** Server time of signing, ms since epoch. */
  iat: number;
  /** The signing key id, repeated inside the signature. */
  kid: string;
}

/** Protected header of a signed result. */
export interface SignedResultHeader {
  alg: 'ES256' | 'EdDSA';
  kid: string;
  typ: 'coinslot-result+jws';
}

/**
 * A public result-signing key as served by `GET /v1/keys`: a JWK (EC P-256 or OKP Ed25519). Declared member by member
 * rather than as the DOM's `JsonWebKey`, so these declarations compile in a Node-only TypeScript project.
 */
export interface ResultPublicKey {
  kty?: string;
  crv?: string;
  x?: string;
  y?: string;
  use?: string;
  key_ops?: string[];
  ext?: boolean;
  kid: string;
  alg: 'ES256' | 'EdDSA';
}

/** The shared error envelope of every error answer. */
export interface ErrorEnvelope {
  error: {
    /** The stable code; a server of a later protocol version may send one this list lacks. */
    code: ServerErrorCode | (string & {});
    message: string;
    retryable: boolean;
    field?: string;
    state?: BillState;
  };
}
