import { BILL_STATES, type BillState, type ErrorEnvelope } from '../protocol/bill.js';
import { CoinslotError } from './coinslot-error.js';

/** The pay server answered with its error envelope. `serverCode` is the protocol's code (e.g. `INVALID_FIELD`). */
export class PayServerError extends CoinslotError {
  /** The pay server's stable code, see `docs/protocol.md` §6. */
  readonly serverCode: string;
  /** The HTTP status. */
  readonly status: number;
  /** The field at fault, when the server named one. */
  readonly field: string | undefined;
  /**
   * The bill's current state, when the server named one: on `409 INVALID_TRANSITION` (e.g. `paid` for a cancel that
   * came too late). `undefined` otherwise, or when it is not a bill state. Unsigned, so fit for messages and logs;
   * only a verified result decides how a bill ended.
   */
  readonly state: BillState | undefined;

  constructor(status: number, envelope: ErrorEnvelope['error'], cause?: unknown) {
    super('PAY_SERVER_ERROR', `Pay server answered ${status} ${envelope.code}: ${envelope.message}`, {
      retryable: envelope.retryable,
      cause,
    });
    this.name = 'PayServerError';
    this.serverCode = envelope.code;
    this.status = status;
    this.field = envelope.field;
    this.state = BILL_STATES.includes(envelope.state as BillState) ? envelope.state : undefined;
  }
}
