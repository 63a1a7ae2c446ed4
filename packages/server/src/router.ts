import { adminRoute } from './admin/admin-routes.js';
import { appPathPrefix, type App } from './apps/app.js';
import type { DriverRouteContext } from './drivers/channel-driver.js';
import { ProtocolError } from './http/protocol-error.js';
import { readBodyBytes } from './http/read-body.js';
import { readJsonObject } from './http/read-json-body.js';
import { cancelBill } from './routes/cancel-bill.js';
import { createBill } from './routes/create-bill.js';
import { deliverBill } from './routes/deliver-bill.js';
import { listEvents } from './routes/list-events.js';
import { markLaunched } from './routes/mark-launched.js';
import { notifyChannel } from './routes/notify-channel.js';
import { getBill, listBills } from './routes/read-bills.js';
import { reportProof } from './routes/report-proof.js';
import { getChannels, getKeys } from './routes/server-info.js';
import { waitResult } from './routes/wait-result.js';
import { driverContext, type RouteHandler, type ServerContext } from './server-context.js';

interface Route {
  pattern: RegExp;
  methods: Readonly<Record<string, RouteHandler>>;
}

/** Protocol v1 §2, the whole table. Path segments are captured raw; ids outside `[A-Za-z0-9_-]` find no bill. */
const ROUTES: readonly Route[] = [
  { pattern: /^\/v1\/keys$/, methods: { GET: getKeys } },
  { pattern: /^\/v1\/channels$/, methods: { GET: getChannels } },
  { pattern: /^\/v1\/bills$/, methods: { GET: listBills, POST: createBill } },
  { pattern: /^\/v1\/bills\/([^/]+)$/, methods: { GET: getBill } },
  { pattern: /^\/v1\/bills\/([^/]+)\/result$/, methods: { GET: waitResult } },
  { pattern: /^\/v1\/bills\/([^/]+)\/report$/, methods: { POST: reportProof } },
  { pattern: /^\/v1\/bills\/([^/]+)\/launch$/, methods: { POST: markLaunched } },
  { pattern: /^\/v1\/bills\/([^/]+)\/cancel$/, methods: { POST: cancelBill } },
  { pattern: /^\/v1\/bills\/([^/]+)\/deliver$/, methods: { POST: deliverBill } },
  { pattern: /^\/v1\/notify\/([^/]+)$/, methods: { POST: notifyChannel } },
  { pattern: /^\/v1\/events$/, methods: { GET: listEvents } },
];

/** `/apps/<appId>/v1/…`: an app's channel-facing paths (its notify path and its drivers' pages). */
const APP_PATH = /^\/apps\/([^/]+)(\/v1\/.*)$/;
const NOTIFY_PATH = /^\/v1\/notify\/([^/]+)$/;

/**
 * The server's own handler as `app`'s drivers see it: a request a driver sends itself to `/v1/…` (the sandbox's
 * notification) goes to the app's `/apps/<appId>/v1/…`, so it reaches the app's own driver and bills.
 */
function appDispatch(ctx: ServerContext, app: App): (request: Request) => Promise<Response> {
  const prefix = appPathPrefix(app.id);
  if (prefix === '') return ctx.dispatch;
  return async (request) => {
    const url = new URL(request.url);
    if (url.pathname.startsWith('/v1/')) url.pathname = prefix + url.pathname;
    const body = request.body === null ? undefined : await request.arrayBuffer();
    return ctx.dispatch(new Request(url, { method: request.method, headers: request.headers, body }));
  };
}

function driverRouteContext(url: URL, ctx: ServerContext, app: App): DriverRouteContext {
  const maxBytes = ctx.options.maxBodyBytes;
  return {
    ...driverContext(url, ctx, app),
    url,
    // An app's driver pages see the app's own bills only.
    getBill: async (id) => {
      const bill = (await ctx.bills.load(id))?.bill;
      return bill?.appId === app.id ? bill : undefined;
    },
    readBody: (request) => readBodyBytes(request, maxBytes),
    readJson: (request) => readJsonObject(request, { maxBytes }),
    dispatch: appDispatch(ctx, app),
  };
}

async function driverRoute(request: Request, url: URL, ctx: ServerContext, app: App): Promise<Response> {
  const driverId = /^\/v1\/([^/]+)\//.exec(url.pathname)?.[1];
  const driver = driverId === undefined ? undefined : app.drivers.get(driverId);
  const answer = await driver?.routes?.(request, driverRouteContext(url, ctx, app));
  if (answer) return answer;
  throw new ProtocolError('NOT_FOUND', `no endpoint ${request.method} ${url.pathname}`);
}

/** An app's channel-facing path, run with the app's drivers and the path below `/apps/<appId>`; nothing else. */
function appRoute(request: Request, url: URL, ctx: ServerContext, appId: string, path: string): Promise<Response> {
  const app = ctx.apps.get(appId);
  if (!app) throw new ProtocolError('NOT_FOUND', `no endpoint ${request.method} ${url.pathname}`);
  const inner = new URL(url);
  inner.pathname = path;
  const notify = NOTIFY_PATH.exec(path);
  if (!notify) return driverRoute(request, inner, ctx, app);
  if (request.method !== 'POST')
    throw new ProtocolError('METHOD_NOT_ALLOWED', `${url.pathname} answers POST`, { headers: { allow: 'POST' } });
  return notifyChannel({ request, url: inner, params: [notify[1]!], app }, ctx);
}

/**
 * Finds the route for `request` (or the driver that owns `/v1/<channel>/…`, or an app's `/apps/<appId>/v1/…`) and
 * runs it. Not `async`:
 * a held wait's promise is the route's own, with no extra layer per request. May throw synchronously.
 */
export function route(request: Request, url: URL, ctx: ServerContext): Promise<Response> {
  const path = url.pathname;
  if (path === '/admin' || path.startsWith('/admin/')) {
    if (!ctx.consoleRoute) throw new ProtocolError('NOT_FOUND', 'this pay server has no admin console');
    return ctx.consoleRoute(request, url, ctx);
  }
  if (path.startsWith('/v1/admin/')) return adminRoute(request, url, ctx.admin, ctx.options.now(), ctx);
  const scoped = APP_PATH.exec(path);
  if (scoped) return appRoute(request, url, ctx, scoped[1]!, scoped[2]!);
  for (const { pattern, methods } of ROUTES) {
    const match = pattern.exec(path);
    if (!match) continue;
    const handler = methods[request.method];
    if (!handler) {
      const allow = Object.keys(methods).join(', ');
      throw new ProtocolError('METHOD_NOT_ALLOWED', `${path} answers ${allow}`, { headers: { allow } });
    }
    return handler({ request, url, params: match.slice(1) }, ctx);
  }
  return driverRoute(request, url, ctx, ctx.apps.default);
}
