import http from 'node:http';
import https from 'node:https';
import { BufferedResponse } from './buffered-response.js';

/** Settings of {@link createNodeFetch}. */
export interface NodeFetchOptions {
  /**
   * Open connections kept per host for reuse. A held wait keeps its connection for up to 25 s, so a game with
   * several purchases waiting at once needs one each. @default Infinity (as Node's global fetch)
   */
  maxSockets?: number;
}

/** Node's agents keep at most 256 idle connections by default and close the rest. */
const DEFAULT_MAX_FREE_SOCKETS = 256;

/**
 * A `fetch` over `node:http` / `node:https` with a keep-alive pool, for the `fetch` option of `createCoinslot` in
 * Node and the Electron main process. Node's global fetch (undici) runs every answer through web streams; this one
 * reads the body as Node buffers it and answers a `Response` that makes no stream unless asked for one — about a third of a client's CPU per
 * held-wait answer (docs/performance.md). Not for browsers (the browser's fetch is the only one there).
 *
 * What it does not do, since the pay-server client never asks for it: follow redirects (a `3xx` is returned as it
 * is, like `redirect: 'manual'`), cookies, caching, streaming request or response bodies. Aborting the request's
 * signal ends the request and rejects with the signal's reason.
 */
export function createNodeFetch(options: NodeFetchOptions = {}): typeof fetch {
  const maxSockets = options.maxSockets ?? Infinity;
  // Every connection that held a wait may be idle at once when their answers come (many games in one process, a
  // test harness): keep them for the next waits rather than close and reopen them. The server's keep-alive timeout
  // still closes the ones left unused.
  const pool = { keepAlive: true, maxSockets, maxFreeSockets: Math.max(DEFAULT_MAX_FREE_SOCKETS, maxSockets) };
  const agents = { 'http:': new http.Agent(pool), 'https:': new https.Agent(pool) };
  return async (input, init) => {
    // ky hands over its Request with an empty init: used as it is, not copied (a copy is a second Request, its
    // headers and an AbortSignal following the first, for every call).
    const request = input instanceof Request && hasNoOptions(init) ? input : new Request(input, init);
    const url = new URL(request.url);
    if (url.protocol !== 'http:' && url.protocol !== 'https:')
      throw new TypeError(`createNodeFetch: ${url.protocol} is not supported`);
    const { signal } = request;
    signal.throwIfAborted();
    const body = request.body === null ? undefined : Buffer.from(await request.arrayBuffer());
    const headers: Record<string, string> = {};
    for (const [name, value] of request.headers) headers[name] = value;
    if (body !== undefined) headers['content-length'] = String(body.length);
    const transport = url.protocol === 'https:' ? https : http;
    return new Promise<Response>((resolve, reject) => {
      const sent = transport.request(
        url,
        { method: request.method, headers, agent: agents[url.protocol as 'http:' | 'https:'] },
        (answer) => {
          const chunks: Buffer[] = [];
          answer.on('data', (chunk: Buffer) => chunks.push(chunk));
          answer.on('error', reject);
          answer.on('end', () => {
            signal.removeEventListener('abort', onAbort);
            const status = answer.statusCode ?? 0;
            const empty = status === 204 || status === 205 || status === 304 || request.method === 'HEAD';
            const answerHeaders = new Headers();
            const raw = answer.rawHeaders;
            for (let i = 0; i < raw.length; i += 2) answerHeaders.append(raw[i]!, raw[i + 1]!);
            const bytes = empty ? null : new Uint8Array(Buffer.concat(chunks));
            resolve(new BufferedResponse(bytes, status, answer.statusMessage ?? '', answerHeaders, request.url));
          });
        },
      );
      // Aborted (the caller's signal, or ky's timeout): the socket is destroyed, not returned to the pool half-read.
      const onAbort = () => {
        sent.destroy();
        reject(signal.reason);
      };
      signal.addEventListener('abort', onAbort, { once: true });
      sent.on('error', (error) => {
        signal.removeEventListener('abort', onAbort);
        reject(new TypeError('fetch failed', { cause: error }));
      });
      sent.end(body);
    });
  };
}

/** Whether `init` asks nothing of a Request (absent, or `{}` as ky passes it). */
function hasNoOptions(init: RequestInit | undefined): boolean {
  return init === undefined || Object.keys(init).length === 0;
}
