import { createServer, request as httpRequest, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the proxy does with one upstream answer. */
export type ProxyVerdict =
  | { action: 'pass' }
  /** The upstream handled the request, but the client's connection is cut before it sees the answer. */
  | { action: 'drop' }
  /** The client receives this body instead of the upstream's. */
  | { action: 'replace'; body: string };

/** Decides per request; gets the upstream's full answer. */
export type ProxyRule = (req: IncomingMessage, status: number, body: string) => ProxyVerdict;

/** A real HTTP proxy on loopback in front of a real pay server, to inject faults between the SDK and the server. */
export interface FaultProxy {
  url: string;
  rule: ProxyRule;
  close(): Promise<void>;
}

export async function startFaultProxy(upstream: string): Promise<FaultProxy> {
  const target = new URL(upstream);
  const proxy: FaultProxy = { url: '', rule: () => ({ action: 'pass' }), close: async () => undefined };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const upstreamReq = httpRequest(
        { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers },
        (upstreamRes) => {
          const body: Buffer[] = [];
          upstreamRes.on('data', (chunk: Buffer) => body.push(chunk));
          upstreamRes.on('end', () => {
            const text = Buffer.concat(body).toString('utf8');
            const verdict = proxy.rule(req, upstreamRes.statusCode ?? 502, text);
            if (verdict.action === 'drop') {
              req.socket.destroy();
              return;
            }
            const out = verdict.action === 'replace' ? verdict.body : text;
            const headers = { ...upstreamRes.headers, 'content-length': String(Buffer.byteLength(out)) };
            delete headers['transfer-encoding'];
            res.writeHead(upstreamRes.statusCode ?? 502, headers).end(out);
          });
        },
      );
      upstreamReq.on('error', () => req.socket.destroy());
      upstreamReq.end(Buffer.concat(chunks));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  proxy.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  proxy.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return proxy;
}
