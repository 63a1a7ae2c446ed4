import { DEFAULT_APP_ID } from '@coinslot/protocol';
import type { App } from '../apps/app.js';
import { jsonResponse } from '../http/json-response.js';
import { ProtocolError } from '../http/protocol-error.js';
import { readBodyBytes } from '../http/read-body.js';
import { readJsonObject } from '../http/read-json-body.js';
import { reconciliationCsv } from '../reconciliation/reconciliation-csv.js';
import type { ReconciliationStore } from '../reconciliation/reconciliation-store.js';
import { runReconciliation } from '../reconciliation/run-reconciliation.js';
import { driverContext, type ServerContext } from '../server-context.js';
import { queryFields, rejectUnknownFields, requiredString } from '../validation/validators.js';
import { wantsCsv } from './admin-csv.js';

/** The largest settlement file an admin may upload. */
export const MAX_SETTLEMENT_FILE_BYTES = 16 * 1024 * 1024;

const ID = /^rec_[A-Za-z0-9_-]{1,64}$/;
const LIST_LIMIT = { fallback: 50, max: 500 };

function appNamed(ctx: ServerContext, id: string): App {
  const app = ctx.apps.get(id);
  if (!app) throw new ProtocolError('INVALID_FIELD', `this server runs no game ${id}`, { field: 'app' });
  return app;
}

function allow(method: string, path: string): never {
  throw new ProtocolError('METHOD_NOT_ALLOWED', `${path} answers ${method}`, { headers: { allow: method } });
}

async function run(
  request: Request,
  url: URL,
  ctx: ServerContext,
  runs: ReconciliationStore,
  upload: boolean,
  actor: string,
) {
  const fields = upload
    ? queryFields(url)
    : await readJsonObject(request, { maxBytes: ctx.options.maxBodyBytes, allowEmpty: false });
  rejectUnknownFields(fields, upload ? ['app', 'channel', 'date'] : ['app', 'channel', 'date']);
  const app = appNamed(ctx, fields.app === undefined ? DEFAULT_APP_ID : requiredString(fields, 'app', { max: 64 }));
  const channel = requiredString(fields, 'channel', { max: 64 });
  const date = requiredString(fields, 'date', { max: 10 });
  const file = upload ? await readBodyBytes(request, MAX_SETTLEMENT_FILE_BYTES) : undefined;
  const hooks = ctx.admin!.events;
  const result = await runReconciliation(
    { app, channel, date, ...(file && { file }) },
    { store: ctx.store, runs, ctx: driverContext(url, ctx, app), ...hooks },
  );
  const { id, mismatches } = result.run;
  ctx.activity.record({
    appId: app.id,
    kind: 'admin',
    outcome: upload ? 'reconciliation uploaded' : 'reconciliation fetched',
    actor,
    channel,
    detail: `${id} for ${date}: ${mismatches} mismatch${mismatches === 1 ? '' : 'es'}`,
  });
  return jsonResponse(201, { reconciliation: result.run, items: result.items });
}

/**
 * The reconciliation endpoints under `/v1/admin/reconciliations` (docs/reconciliation.md), the admin key already
 * checked: run (fetch or upload), list, one run with its items (JSON or CSV). `undefined` for any other path.
 */
export async function reconciliationRoute(
  request: Request,
  url: URL,
  ctx: ServerContext,
  /** Who asked (`admin-key:<n>`), for the activity log. */
  actor: string,
): Promise<Response | undefined> {
  const path = url.pathname;
  const match = /^\/v1\/admin\/reconciliations(?:\/(upload|[^/]+))?$/.exec(path);
  if (!match) return undefined;
  const runs = ctx.store.reconciliations;
  if (!runs) throw new ProtocolError('NOT_FOUND', 'this pay server’s store keeps no reconciliations');
  const tail = match[1];
  if (tail === 'upload')
    return request.method === 'POST' ? run(request, url, ctx, runs, true, actor) : allow('POST', path);
  if (tail === undefined && request.method === 'POST') return run(request, url, ctx, runs, false, actor);
  if (request.method !== 'GET') allow(tail === undefined ? 'GET, POST' : 'GET', path);
  const query = queryFields(url);
  const appId = query.app === undefined ? undefined : appNamed(ctx, requiredString(query, 'app', { max: 64 })).id;
  if (tail === undefined) {
    rejectUnknownFields(query, ['app', 'channel', 'limit']);
    const channel = query.channel === undefined ? undefined : requiredString(query, 'channel', { max: 64 });
    const limit = query.limit === undefined ? LIST_LIMIT.fallback : Number(query.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > LIST_LIMIT.max) {
      throw new ProtocolError('INVALID_FIELD', `limit must be an integer from 1 to ${LIST_LIMIT.max}`, {
        field: 'limit',
      });
    }
    const list = await runs.listRuns({ ...(appId && { appId }), ...(channel && { channel }), limit });
    return jsonResponse(200, { reconciliations: list });
  }
  rejectUnknownFields(query, ['app', 'format']);
  const found = ID.test(tail) ? await runs.getRun(tail) : undefined;
  // With `app`, another game's run answers like a missing one.
  if (!found || (appId !== undefined && found.run.appId !== appId)) {
    throw new ProtocolError('NOT_FOUND', `no reconciliation ${tail}`);
  }
  if (!wantsCsv(request, url)) return jsonResponse(200, { reconciliation: found.run, items: found.items });
  const { run: stored } = found;
  return new Response(reconciliationCsv(stored, found.items), {
    status: 200,
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="reconciliation-${stored.appId}-${stored.channel}-${stored.date}.csv"`,
    },
  });
}
