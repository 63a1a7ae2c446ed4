import { adminRoute } from './admin/admin-routes.js';
import type { DriverRouteContext } from './drivers/channel-driver.js';
import { ProtocolError } from './http/protocol-error.js';
import { readBodyBytes } from './http/read-body.js';
import { readJsonObject } from './http/read-json-body.js';
import { cancelBill } from './routes/cancel-bill.js';
import { createBill } from './routes/create-bill.js';
import { deliverBill } from './routes/deliver-bill.js';
import { listEvents } from './routes/list-events.js';
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
  { pattern: /^\/v1\/bills\/([^/]+)\/cancel$/, methods: { POST: cancelBill } },
  { pattern: /^\/v1\/bills\/([^/]+)\/deliver$/, methods: { POST: deliverBill } },
  { pattern: /^\/v1\/notify\/([^/]+)$/, methods: { POST: notifyChannel } },
  { pattern: /^\/v1\/events$/, methods: { GET: listEvents } },
];

function driverRouteContext(url: URL, ctx: ServerContext): DriverRouteContext {
  const maxBytes = ctx.options.maxBodyBytes;
  return {
    ...driverContext(url, ctx),
    url,
    getBill: async (id) => (await ctx.bills.load(id))?.bill,
    readBody: (request) => readBodyBytes(request, maxBytes),
    readJson: (request) => readJsonObject(request, { maxBytes }),
    dispatch: ctx.dispatch,
  };
}

async function driverRoute(request: Request, url: URL, ctx: ServerContext): Promise<Response> {
  const driverId = /^\/v1\/([^/]+)\//.exec(url.pathname)?.[1];
  const driver = driverId === undefined ? undefined : ctx.drivers.get(driverId);
  const answer = await driver?.routes?.(request, driverRouteContext(url, ctx));
  if (answer) return answer;
  throw new ProtocolError('NOT_FOUND', `no endpoint ${request.method} ${url.pathname}`);
}

/**
 * Finds the route for `request` (or the driver that owns `/v1/<channel>/…`) and runs it. Not `async`:
 * a held wait's promise is the route's own, with no extra layer per request. May throw synchronously.
 */
export function route(request: Request, url: URL, ctx: ServerContext): Promise<Response> {
  const path = url.pathname;
  if (path.startsWith('/v1/admin/')) return adminRoute(request, url, ctx.admin, ctx.options.now());
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
  return driverRoute(request, url, ctx);
}
