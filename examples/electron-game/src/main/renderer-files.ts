import { readFile } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import { originOf } from '../shared/game-origin.js';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

/** The page's Content-Security-Policy: its own files, and fetches to the pay server only. */
export function contentSecurityPolicy(payServer: string): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    `connect-src ${originOf(payServer) ?? "'none'"}`,
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

const notFound = () =>
  new Response('Not found', { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' } });

/**
 * Serve the built renderer (`dist/renderer/`) as web `Request` → `Response`: what Electron's
 * `protocol.handle('app', …)` takes, and what a Node test serves over loopback. Only GET and HEAD of files inside
 * `root` with a known type; HTML comes with the CSP above. Any path that leaves `root` is a 404.
 */
export function createRendererFiles(options: {
  root: string;
  payServer: string;
}): (request: Request) => Promise<Response> {
  const root = resolve(options.root);
  const csp = contentSecurityPolicy(options.payServer);
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD')
      return new Response(null, { status: 405, headers: { allow: 'GET, HEAD' } });
    let path: string;
    try {
      path = decodeURIComponent(new URL(request.url).pathname);
    } catch {
      return new Response('Bad request', { status: 400 });
    }
    if (path.endsWith('/')) path += 'index.html';
    const file = resolve(join(root, path));
    const type = CONTENT_TYPES[extname(file)];
    if (!file.startsWith(root + sep) || path.includes('\0') || path.includes('\\') || type === undefined)
      return notFound();
    let body: Buffer;
    try {
      body = await readFile(file);
    } catch {
      return notFound();
    }
    const headers: Record<string, string> = {
      'content-type': type,
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-store',
    };
    if (type.startsWith('text/html')) headers['content-security-policy'] = csp;
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), { headers });
  };
}
