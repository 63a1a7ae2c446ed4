/** One request the pay-server double answered. */
export interface RecordedCall {
  /** `GET`, `POST`, … */
  method: string;
  /** The URL's path, e.g. `/v1/bills/b_1/result`. */
  path: string;
  /** The query string's parameters, e.g. `{ wait: '25', nonce: '…' }`. */
  query: Record<string, string>;
  /** The request headers, names in lower case. */
  headers: Record<string, string>;
  /** The body: parsed JSON when it is JSON, else its text; `undefined` when there is none. */
  body: unknown;
  /**
   * Who sent it: `client` (the SDK, an adapter, a test) or `channel` (a notification the double sent
   * as the channel's server, e.g. the replay of a `duplicate` outcome).
   */
  from: 'client' | 'channel';
  /** The answer's status; `undefined` while the request is still being answered (a held wait). */
  status: number | undefined;
}

/** Read a request into a {@link RecordedCall} without consuming its body. */
export async function recordCall(request: Request, from: RecordedCall['from']): Promise<RecordedCall> {
  const url = new URL(request.url);
  const text = request.body === null ? '' : await request.clone().text();
  return {
    method: request.method,
    path: url.pathname,
    query: Object.fromEntries(url.searchParams),
    headers: Object.fromEntries(request.headers),
    body: parseBody(text),
    from,
    status: undefined,
  };
}

function parseBody(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** Whether a call is `method` on `path` (an exact path or a pattern). */
export function isCallTo(call: RecordedCall, method: string, path: string | RegExp): boolean {
  if (call.method !== method.toUpperCase()) return false;
  return typeof path === 'string' ? call.path === path : path.test(call.path);
}
