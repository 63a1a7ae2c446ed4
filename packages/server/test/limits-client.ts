import { request } from 'node:http';

/** An answer over a raw `node:http` request. */
export interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: any;
}

/**
 * Calls `url` from the loopback address `from` (127.0.0.2, …: each is another client IP to the server), with a
 * fresh connection, JSON in and out.
 */
export function callFrom(
  from: string,
  url: string,
  init: { method?: string; headers?: Record<string, string>; json?: unknown } = {},
): Promise<RawAnswer> {
  const body = init.json === undefined ? undefined : JSON.stringify(init.json);
  const headers = { ...init.headers, ...(body !== undefined && { 'content-type': 'application/json' }) };
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method: init.method ?? (body ? 'POST' : 'GET'), headers, localAddress: from, agent: false },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => {
          let parsed: unknown = text;
          try {
            parsed = JSON.parse(text);
          } catch {
            // not JSON
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: parsed });
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}
