import { isBillState, isRecord, SERVER_ERRORS, isServerErrorCode } from '@coinslot/protocol';
import { BackendError } from './backend-error.js';

/** Sends one request; a failure to get any answer becomes `NETWORK_ERROR` (retryable). */
export async function send(fetcher: typeof fetch, url: string, init: RequestInit): Promise<Response> {
  try {
    return await fetcher(url, init);
  } catch (cause) {
    if (init.signal?.aborted) throw cause;
    throw new BackendError('NETWORK_ERROR', `the pay server at ${new URL(url).origin} did not answer`, {
      retryable: true,
      cause,
    });
  }
}

/**
 * The JSON body of a `2xx` answer; anything else becomes a {@link BackendError} with the code, `retryable`, `field`
 * and `state` of the pay server's error envelope (docs/protocol.md §6).
 */
export async function readAnswer<T>(response: Response): Promise<T> {
  const text = await response.text().catch(() => '');
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  if (response.ok && isRecord(body)) return body as T;
  const error = isRecord(body) && isRecord(body.error) ? body.error : undefined;
  const status = response.status;
  if (error === undefined || typeof error.code !== 'string') {
    const what = response.ok ? 'a body that is not a JSON object' : `${status} without an error envelope`;
    throw new BackendError('INVALID_RESPONSE', `the pay server answered ${what}`, { status, retryable: status >= 500 });
  }
  const retryable =
    typeof error.retryable === 'boolean'
      ? error.retryable
      : isServerErrorCode(error.code) && SERVER_ERRORS[error.code].retryable;
  throw new BackendError(error.code, typeof error.message === 'string' ? error.message : error.code, {
    status,
    retryable,
    ...(typeof error.field === 'string' && { field: error.field }),
    ...(isBillState(error.state) && { state: error.state }),
  });
}
