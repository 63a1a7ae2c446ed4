import { BILL_STATES, type Bill } from '@coinslot/protocol';
import { jsonResponse } from '../../http/json-response.js';
import { ProtocolError } from '../../http/protocol-error.js';
import { parseReportQuery } from '../../reports/report-query.js';
import type { ServerContext } from '../../server-context.js';
import { REPORTS } from '../admin-routes.js';
import { billTimeline } from './bill-timeline.js';

const BILL_ID = /^[A-Za-z0-9_-]{1,64}$/;
/** What the search box takes: a bill id, a player id or a channel's trade number. */
const SEARCH = /^[A-Za-z0-9_.:-]{1,128}$/;
/** Instances heard from within this many heartbeats are listed as up. */
const HEARTBEATS_UP = 3;

async function report(name: string, url: URL, ctx: ServerContext): Promise<Response> {
  // Own keys only: `constructor` and the like are no report.
  const run = Object.hasOwn(REPORTS, name) ? REPORTS[name] : undefined;
  const source = ctx.store.reports;
  if (!run || !source) throw new ProtocolError('NOT_FOUND', `no report ${name}`);
  const now = ctx.options.now();
  return jsonResponse(200, await run(source, parseReportQuery(url, now), url, now));
}

/**
 * Bills whose id is `q`, whose channel trade number is `q` (from the activity log), or whose player (in any game, or
 * `app`) is `q`; newest first, at most 100.
 */
async function searchBills(url: URL, ctx: ServerContext): Promise<Response> {
  const q = (url.searchParams.get('q') ?? '').trim();
  if (!SEARCH.test(q)) {
    throw new ProtocolError('INVALID_FIELD', 'q must be a bill id, a player id or a channel trade number', {
      field: 'q',
    });
  }
  const app = url.searchParams.get('app');
  const apps = ctx.apps.all().filter((a) => !app || a.id === app);
  const inScope = (bill: Bill | undefined): bill is Bill => !!bill && apps.some((a) => a.id === bill.appId);
  const found = new Map<string, Bill>();
  const byId = BILL_ID.test(q) ? (await ctx.store.getBill(q))?.bill : undefined;
  if (inScope(byId)) found.set(byId.id, byId);
  await ctx.activity.flush();
  for (const billId of await ctx.activity.log.findBillsByTradeNo(q, 100, app ?? undefined)) {
    const bill = (await ctx.store.getBill(billId))?.bill;
    if (inScope(bill)) found.set(bill.id, bill);
  }
  if (!BILL_ID.test(q)) return jsonResponse(200, { bills: [...found.values()] });
  for (const { id: appId } of apps) {
    for (const state of BILL_STATES) {
      for (const bill of await ctx.store.listBills({ appId, userId: q, state, limit: 100 })) found.set(bill.id, bill);
    }
  }
  const bills = [...found.values()].sort((a, b) => b.createdAt - a.createdAt).slice(0, 100);
  return jsonResponse(200, { bills });
}

async function billDetail(id: string, ctx: ServerContext): Promise<Response> {
  const bill = BILL_ID.test(id) ? (await ctx.store.getBill(id))?.bill : undefined;
  if (!bill) throw new ProtocolError('BILL_NOT_FOUND', `no bill ${id}`);
  await ctx.activity.flush();
  return jsonResponse(200, { bill, timeline: await billTimeline(ctx.store, bill, ctx.activity.log) });
}

/**
 * Channel health over the chosen days (the pickers' `from`, `to`, `tz`, `app`): notifications per channel by outcome
 * and webhook attempts per endpoint, from the activity log — every instance's, when the store keeps the log — plus the
 * instances up now with their held waits, and the webhook backlog.
 */
async function health(url: URL, ctx: ServerContext): Promise<Response> {
  const now = ctx.options.now();
  const { window, app } = parseReportQuery(url, now);
  const range = { from: window.from, to: window.to, ...(app ? { appId: app } : {}) };
  const log = ctx.activity.log;
  await ctx.activity.flush();
  const [oldest, notifications, webhooks, instances] = await Promise.all([
    ctx.store.oldestPendingEvent(),
    log.countNotifications(range),
    log.webhookEndpoints(range),
    log.listInstances(now - HEARTBEATS_UP * ctx.activity.heartbeatIntervalMs),
  ]);
  return jsonResponse(200, {
    heldWaits: instances.reduce((sum, instance) => sum + instance.heldWaits, 0),
    instances,
    thisInstance: ctx.activity.instanceId,
    sharedLog: ctx.store.activity !== undefined,
    notifications,
    webhooks,
    webhookBacklog: oldest
      ? { oldestSeq: oldest.seq, ageMs: now - oldest.createdAt, nextAttemptAt: oldest.nextAttemptAt }
      : null,
    channels: ctx.apps.all().map((app) => ({ app: app.id, channels: [...app.drivers.keys()] })),
  });
}

/** The newest admin actions (console logins, reconciliation runs), of the chosen game and the whole server. */
async function adminActions(url: URL, ctx: ServerContext): Promise<Response> {
  const app = url.searchParams.get('app') || undefined;
  await ctx.activity.flush();
  const actions = await ctx.activity.log.listAdminActions({ ...(app ? { appId: app } : {}), limit: 50 });
  return jsonResponse(200, { actions });
}

async function reconciliations(tail: string | undefined, url: URL, ctx: ServerContext): Promise<Response> {
  const runs = ctx.store.reconciliations;
  if (!runs) throw new ProtocolError('NOT_FOUND', 'this pay server’s store keeps no reconciliations');
  const app = url.searchParams.get('app') ?? undefined;
  if (tail === undefined)
    return jsonResponse(200, { reconciliations: await runs.listRuns({ ...(app && { appId: app }), limit: 100 }) });
  const found = /^rec_[A-Za-z0-9_-]{1,64}$/.test(tail) ? await runs.getRun(tail) : undefined;
  if (!found) throw new ProtocolError('NOT_FOUND', `no reconciliation ${tail}`);
  return jsonResponse(200, { reconciliation: found.run, items: found.items });
}

/**
 * The console's read-only data, `GET /admin/api/<path>` (the session already checked): the games, reports,
 * channel health, bill search and timeline, reconciliations. `undefined` for a path it does not know.
 */
export async function consoleData(path: string, url: URL, ctx: ServerContext): Promise<Response | undefined> {
  if (path === 'apps') return jsonResponse(200, { apps: ctx.apps.all().map((a) => a.id) });
  if (path === 'health') return health(url, ctx);
  if (path === 'admin-actions') return adminActions(url, ctx);
  if (path === 'bills') return searchBills(url, ctx);
  const match = /^(reports|bills|reconciliations)(?:\/([^/]+))?$/.exec(path);
  if (!match) return undefined;
  const [, kind, tail] = match;
  if (kind === 'reports' && tail) return report(tail, url, ctx);
  if (kind === 'bills' && tail) return billDetail(tail, ctx);
  if (kind === 'reconciliations') return reconciliations(tail, url, ctx);
  return undefined;
}
