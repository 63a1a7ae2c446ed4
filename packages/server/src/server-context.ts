import type { ActivityRecorder } from './activity/activity-recorder.js';
import type { AdminApi } from './admin/admin-api.js';
import type { AdminConsole } from './admin/console/admin-console.js';
import type { ResolvedAuth } from './auth/auth-options.js';
import type { BillService } from './bills/bill-service.js';
import { appPathPrefix, type App } from './apps/app.js';
import type { AppRegistry } from './apps/app-registry.js';
import type { DriverContext } from './drivers/channel-driver.js';
import type { ServerLimits } from './limits/server-limits.js';
import type { ResolvedOptions } from './options.js';
import type { ResultSigner } from './signing/result-signer.js';
import type { BillStore } from './store/bill-store.js';
import type { WaiterRegistry } from './waits/waiter-registry.js';

/** Everything a route needs, built once per server. */
export interface ServerContext {
  options: ResolvedOptions;
  /** The default app's auth: the server's bill tokens and whether it runs in development mode. */
  auth: ResolvedAuth;
  /** The games this server runs (the default one at least), and which one a credential belongs to. */
  apps: AppRegistry;
  store: BillStore;
  bills: BillService;
  waiters: WaiterRegistry;
  /** The abuse limits' state: rate-limit buckets, held-wait counts (docs/limits.md). */
  limits: ServerLimits;
  signer: ResultSigner;
  /** The activity log's writer: notifications, transitions with their actor, webhook attempts, admin actions. */
  activity: ActivityRecorder;
  /** The admin API (reports), when admin keys are configured. */
  admin?: AdminApi | undefined;
  /** The admin console (`/admin`), when admin users are configured. */
  adminConsole?: AdminConsole | undefined;
  /** Answers `/admin…` when the entry brought the console (the Node entry); absent, every such path is `404`. */
  consoleRoute?: ((request: Request, url: URL, ctx: ServerContext) => Promise<Response>) | undefined;
  /** The server's own handler, for drivers that send themselves requests. */
  dispatch(request: Request): Promise<Response>;
}

/** One request as a route sees it. */
export interface RouteRequest {
  request: Request;
  url: URL;
  /** The path's captured segments, e.g. the bill id. */
  params: string[];
  /** The app named by an `/apps/<appId>/v1/…` path (channel-facing routes only), else `undefined`. */
  app?: App;
}

/** A route: answers one method of one path. */
export type RouteHandler = (req: RouteRequest, ctx: ServerContext) => Promise<Response>;

/**
 * The public base URL of `app`'s channel-facing URLs: the `publicUrl` option (else the request's origin), and for an
 * app other than the default `/apps/<appId>` after it — so a driver that builds `${publicUrl}/v1/notify/<channel>`
 * names the app's own notify path.
 */
export function publicUrlFor(url: URL, ctx: ServerContext, app: App): string {
  return (ctx.options.publicUrl ?? url.origin) + appPathPrefix(app.id);
}

/** The context every driver hook of `app` receives. */
export function driverContext(url: URL, ctx: ServerContext, app: App): DriverContext {
  return { publicUrl: publicUrlFor(url, ctx, app), now: ctx.options.now, logger: ctx.options.logger };
}
