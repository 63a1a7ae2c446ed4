// @ts-check
import { Agent, createServer, request as httpRequest } from 'node:http';

/**
 * What the proxy does with one answer the upstream gave: pass it, cut the client's connection instead (the
 * upstream did the work, the client never hears of it), or send another body.
 * @typedef {'pass' | 'drop' | { replace: string }} AnswerVerdict
 */

/**
 * The proxy's plan for one request, decided when the request has been read.
 * @typedef {object} RequestPlan
 * @property {() => Promise<void>} [before] awaited before the request is forwarded (hold it until something happened)
 * @property {number} [cutAfterMs] cut the client's connection (and the upstream request) this long after
 *   forwarding, unless the upstream answered first: a network drop in the middle of a held wait
 * @property {number} [copies] send the request upstream this many times at once (duplicates on the wire);
 *   the client gets the first answer
 * @property {(status: number, body: string) => AnswerVerdict | Promise<AnswerVerdict>} [answer]
 */

/**
 * @typedef {object} ProxiedRequest
 * @property {string} method
 * @property {string} url path and query
 * @property {string} body
 */

/**
 * @typedef {object} FaultProxy
 * @property {string} url
 * @property {(request: ProxiedRequest) => RequestPlan} plan decides per request; passes everything by default
 * @property {(upstream: string) => void} setUpstream
 * @property {() => Promise<void>} close
 */

/**
 * A real HTTP proxy on loopback between the SDK game clients and the pay server, to inject network faults.
 * @param {string} upstream the pay server's base URL
 * @returns {Promise<FaultProxy>}
 */
export async function startFaultProxy(upstream) {
  let target = new URL(upstream);
  const agent = new Agent({ keepAlive: true, maxSockets: Infinity });
  /** @type {FaultProxy} */
  const proxy = {
    url: '',
    plan: () => ({}),
    setUpstream: (next) => (target = new URL(next)),
    close: async () => undefined,
  };

  /** @param {import('node:http').IncomingMessage} req @param {Buffer} body */
  const forward = (req, body) => {
    /** @type {import('node:http').ClientRequest | undefined} */
    let upstreamReq;
    const answer = new Promise((resolve, reject) => {
      upstreamReq = httpRequest(
        { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers, agent },
        (res) => {
          const chunks = /** @type {Buffer[]} */ ([]);
          res.on('data', (chunk) => chunks.push(chunk));
          res.on('end', () =>
            resolve({
              status: res.statusCode ?? 502,
              headers: res.headers,
              text: Buffer.concat(chunks).toString('utf8'),
            }),
          );
          res.on('error', reject);
        },
      );
      upstreamReq.on('error', reject);
      upstreamReq.end(body);
    });
    return { answer, abort: () => upstreamReq?.destroy() };
  };

  const server = createServer((req, res) => {
    const chunks = /** @type {Buffer[]} */ ([]);
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', async () => {
      const body = Buffer.concat(chunks);
      const plan = proxy.plan({ method: req.method ?? 'GET', url: req.url ?? '/', body: body.toString('utf8') });
      await plan.before?.();
      const sent = Array.from({ length: Math.max(1, plan.copies ?? 1) }, () => forward(req, body));
      let cut = false;
      const timer =
        plan.cutAfterMs === undefined
          ? undefined
          : setTimeout(() => {
              cut = true;
              req.socket.destroy();
              for (const copy of sent) copy.abort();
            }, plan.cutAfterMs);
      try {
        const first =
          /** @type {{ status: number, headers: import('node:http').IncomingHttpHeaders, text: string }} */ (
            await Promise.any(sent.map((copy) => copy.answer))
          );
        clearTimeout(timer);
        await Promise.allSettled(sent.map((copy) => copy.answer));
        if (cut) return;
        const verdict = plan.answer ? await plan.answer(first.status, first.text) : 'pass';
        if (verdict === 'drop') return void req.socket.destroy();
        const out = verdict === 'pass' ? first.text : verdict.replace;
        const headers = { ...first.headers, 'content-length': String(Buffer.byteLength(out)) };
        delete headers['transfer-encoding'];
        res.writeHead(first.status, headers).end(out);
      } catch {
        clearTimeout(timer);
        req.socket.destroy();
      }
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
  const address = /** @type {import('node:net').AddressInfo} */ (server.address());
  proxy.url = `http://127.0.0.1:${address.port}`;
  proxy.close = () =>
    new Promise((resolve) => {
      server.closeAllConnections();
      agent.destroy();
      server.close(() => resolve());
    });
  return proxy;
}
