import type { ErrorEnvelope, ServerErrorCode } from '@coinslot/protocol';
import { CoinslotError } from '../errors/coinslot-error.js';
import { PayServerError } from '../errors/pay-server-error.js';
import { abortError } from '../internal/abort.js';
import { isRecord, isResponseLike, messageOf } from '../internal/guards.js';

/** The error envelope of a pay-server answer, when the body is one. */
export function parseEnvelope(text: string): ErrorEnvelope['error'] | undefined {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return undefined;
  }
  const error = isRecord(body) ? body.error : undefined;
  if (!isRecord(error) || typeof error.code !== 'string' || typeof error.message !== 'string') return undefined;
  return { ...error, code: error.code, message: error.message, retryable: error.retryable === true };
}

async function fromHttpError(error: { response: Response }): Promise<PayServerError> {
  const { status, statusText } = error.response;
  const text = await error.response.text().catch(() => '');
  const envelope = parseEnvelope(text) ?? {
    code: `HTTP_${status}`,
    message: statusText || 'no error envelope',
    retryable: status >= 500 || status === 429 || status === 408,
  };
  return new PayServerError(status, envelope, error);
}

/**
 * Map whatever a ky call threw to a Coinslot error. Errors are told apart by `name`, never `instanceof`,
 * because the app may hold a second copy of ky.
 */
export async function toCoinslotError(error: unknown, signal?: AbortSignal): Promise<CoinslotError> {
  if (signal?.aborted) return abortError(signal);
  if (CoinslotError.isInstance(error)) return error;
  const name = isRecord(error) ? error.name : undefined;
  if (name === 'HTTPError' && isRecord(error) && isResponseLike(error.response)) {
    return fromHttpError(error as { response: Response });
  }
  if (name === 'AbortError') return new CoinslotError('ABORTED', 'The request was aborted.', { cause: error });
  if (name === 'TimeoutError') {
    return new CoinslotError('NETWORK_ERROR', 'The pay server did not answer in time.', {
      retryable: true,
      cause: error,
    });
  }
  if (name === 'SyntaxError') {
    return new CoinslotError('PAY_SERVER_ERROR', 'The pay server answered with invalid JSON.', { cause: error });
  }
  return new CoinslotError('NETWORK_ERROR', `Could not reach the pay server: ${messageOf(error)}`, {
    retryable: true,
    cause: error,
  });
}

/** True when the error is the pay server's answer with this code, e.g. `409 INVALID_TRANSITION` or `404 BILL_NOT_FOUND`. */
export function isServerCode(error: unknown, code: ServerErrorCode): boolean {
  return PayServerError.isInstance(error) && error.serverCode === code;
}
