import type { ErrorEnvelope } from '../protocol/bill.js';
import { CoinslotError } from './coinslot-error.js';

/** The pay server answered with its error envelope. `serverCode` is the protocol's code (e.g. `INVALID_FIELD`). */
export class PayServerError extends CoinslotError {
  /** The pay server's stable code, see `docs/protocol.md` §6. */
  readonly serverCode: string;
  /** The HTTP status. */
  readonly status: number;
  /** The field at fault, when the server named one. */
  readonly field: string | undefined;

  constructor(status: number, envelope: ErrorEnvelope['error'], cause?: unknown) {
    super('PAY_SERVER_ERROR', `Pay server answered ${status} ${envelope.code}: ${envelope.message}`, {
      retryable: envelope.retryable,
      cause,
    });
    this.name = 'PayServerError';
    this.serverCode = envelope.code;
    this.status = status;
    this.field = envelope.field;
  }
}
