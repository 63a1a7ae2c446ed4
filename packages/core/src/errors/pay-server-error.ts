import { isBillState, type BillState, type ErrorEnvelope, type ServerErrorCode } from '@coinslot/protocol';
import { CoinslotError } from './coinslot-error.js';

const MARKER = Symbol.for('coinslot.pay-server-error');

/**
 * The pay server answered with its error envelope (code `PAY_SERVER_ERROR`). Check with
 * `PayServerError.isInstance(e)`, then read `serverCode` — no cast needed:
 *
 * ```ts
 * if (PayServerError.isInstance(error) && error.serverCode === 'AMOUNT_MISMATCH') refreshPrices();
 * ```
 */
export class PayServerError extends CoinslotError {
  // biome-ignore lint/correctness/noUnusedPrivateClassMembers: read through the symbol by isInstance, across package copies
  private readonly [MARKER] = true;
  /**
   * The pay server's stable code, see `docs/protocol.md` §6; `HTTP_<status>` when the answer carried no envelope.
   * A server of a later protocol version may send a code this union lacks.
   */
  declare readonly serverCode: ServerErrorCode | `HTTP_${number}` | (string & {});
  /** The HTTP status. */
  declare readonly status: number;
  /** The field at fault, when the server named one. */
  declare readonly field: string | undefined;
  /**
   * The bill's current state, when the server named one: on `409 INVALID_TRANSITION` (e.g. `paid` for a cancel that
   * came too late). `undefined` otherwise, or when it is not a bill state. Unsigned, so fit for messages and logs;
   * only a verified result decides how a bill ended.
   */
  declare readonly state: BillState | undefined;

  constructor(status: number, envelope: ErrorEnvelope['error'], cause?: unknown) {
    super('PAY_SERVER_ERROR', `Pay server answered ${status} ${envelope.code}: ${envelope.message}`, {
      retryable: envelope.retryable,
      cause,
    });
    this.name = 'PayServerError';
    this.serverCode = envelope.code;
    this.status = status;
    this.field = envelope.field;
    this.state = isBillState(envelope.state) ? envelope.state : undefined;
  }

  /** True only for a pay-server error, from any copy of the package (not for the SDK's other errors). */
  static override isInstance(error: unknown): error is PayServerError {
    return CoinslotError.isInstance(error) && (error as unknown as Record<symbol, unknown>)[MARKER] === true;
  }
}
