import { errorResponse } from '../../http/json-response.js';
import { ProtocolError } from '../../http/protocol-error.js';
import type { ServerContext } from '../../server-context.js';
import type { AdminConsole } from './admin-console.js';
import { consoleData } from './console-data.js';
import { withConsoleHeaders } from './console-headers.js';
import { currentSession, login, logout } from './console-login.js';
import { isHttps, renewedCookie, requireLiveSession } from './console-session.js';
import { consoleFile } from './console-static.js';

function only(method: string, request: Request, path: string): void {
  if (request.method !== method) {
    throw new ProtocolError('METHOD_NOT_ALLOWED', `${path} answers ${method}`, { headers: { allow: method } });
  }
}

async function answer(request: Request, url: URL, ctx: ServerContext, admin: AdminConsole): Promise<Response> {
  const path = url.pathname;
  if (path === '/admin' || path === '/admin/') {
    only('GET', request, path);
    return (await consoleFile('index.html'))!;
  }
  if (path === '/admin/api/login') return (only('POST', request, path), login(request, url, ctx, admin));
  if (path === '/admin/api/logout') return (only('POST', request, path), logout(request, url, ctx, admin));
  if (path === '/admin/api/session') return (only('GET', request, path), currentSession(request, ctx, admin));
  if (path.startsWith('/admin/api/')) {
    only('GET', request, path);
    const now = ctx.options.now();
    const session = await requireLiveSession(request, admin, now, ctx.activity.log);
    const response = await consoleData(path.slice('/admin/api/'.length), url, ctx);
    if (!response) throw new ProtocolError('NOT_FOUND', `no console endpoint ${path}`);
    // A request starts the idle timeout again, so the cookie is renewed at most once a minute.
    if (now - session.seenAt > 60_000) {
      response.headers.append('set-cookie', renewedCookie(session, admin, now, isHttps(url, ctx.options.publicUrl)));
    }
    return response;
  }
  const file = path.startsWith('/admin/assets/') ? await consoleFile(path.slice('/admin/assets/'.length)) : undefined;
  if (!file) throw new ProtocolError('NOT_FOUND', `no console page ${path}`);
  only('GET', request, path);
  return file;
}

/**
 * `/admin…`: the admin console (docs/admin-console.md) — its pages, login and read-only data — with its CSP and
 * security headers on every answer, errors included. Without admin users every path is `404 NOT_FOUND`.
 */
export async function consoleRoute(request: Request, url: URL, ctx: ServerContext): Promise<Response> {
  const admin = ctx.adminConsole;
  if (!admin)
    throw new ProtocolError('NOT_FOUND', 'this pay server has no admin console (no admin users are configured)');
  try {
    return withConsoleHeaders(await answer(request, url, ctx, admin));
  } catch (error) {
    if (ProtocolError.isInstance(error)) return withConsoleHeaders(errorResponse(error));
    throw error;
  }
}
