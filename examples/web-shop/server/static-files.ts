import { readFile, realpath, stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

/** Serves one request from a folder of static files. */
export type StaticFilesHandler = (request: Request) => Promise<Response>;

/**
 * Serve the files under `root` (GET and HEAD): `/` and folders answer their `index.html`, every file gets its
 * content type and `nosniff`. A path that leads outside `root` — `..` in any encoding, or a symbolic link
 * pointing out — answers 404 like any missing file, so the answer says nothing about what exists outside.
 */
export function createStaticFiles(root: string): StaticFilesHandler {
  const base = resolve(root);
  const realBase = realpath(base).catch(() => base);

  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return text(405, 'Method Not Allowed', { Allow: 'GET, HEAD' });
    }
    let path: string;
    try {
      path = decodeURIComponent(new URL(request.url).pathname);
    } catch {
      return text(400, 'Bad Request');
    }
    const file = await findFile(path, base, await realBase);
    if (file === undefined) return text(404, 'Not Found');
    const body = await readFile(file);
    const headers = {
      'Content-Type': CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
      'Content-Length': String(body.byteLength),
      'Cache-Control': 'no-cache',
      'X-Content-Type-Options': 'nosniff',
    };
    return new Response(request.method === 'HEAD' ? null : body, { status: 200, headers });
  };
}

async function findFile(path: string, base: string, realBase: string): Promise<string | undefined> {
  if (path.includes('\0')) return undefined;
  let file = resolve(base, `.${path}`);
  if (!isInside(file, base)) return undefined;
  try {
    if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
    const real = await realpath(file);
    return isInside(real, realBase) && (await stat(real)).isFile() ? real : undefined;
  } catch {
    return undefined;
  }
}

function isInside(file: string, folder: string): boolean {
  return file === folder || file.startsWith(folder + sep);
}

function text(status: number, body: string, headers: Record<string, string> = {}): Response {
  return new Response(body, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8', ...headers } });
}
