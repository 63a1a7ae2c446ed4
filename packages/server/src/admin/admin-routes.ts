import { jsonResponse } from '../http/json-response.js';
import { ProtocolError } from '../http/protocol-error.js';
import { funnelReport } from '../reports/funnel-report.js';
import { payersReport } from '../reports/payers-report.js';
import { toCsv } from '../reports/report-csv.js';
import { parseReportQuery, type ReportQuery } from '../reports/report-query.js';
import type { ReportSource } from '../reports/report-source.js';
import type { ReportTable } from '../reports/report-table.js';
import { revenueReport } from '../reports/revenue-report.js';
import { reversalReport } from '../reports/reversal-report.js';
import { undeliveredReport } from '../reports/undelivered-report.js';
import type { ServerContext } from '../server-context.js';
import type { AdminApi } from './admin-api.js';
import { requireAdmin } from './admin-auth.js';
import { wantsCsv } from './admin-csv.js';
import { reconciliationRoute } from './reconciliation-routes.js';

/** A report: its figures for a query (docs/reports.md). */
export type Report = (source: ReportSource, query: ReportQuery, url: URL, now: number) => Promise<ReportTable>;

/** Every report by its path name (docs/reports.md); the admin console shows the same. */
export const REPORTS: Readonly<Record<string, Report>> = {
  revenue: revenueReport,
  funnel: funnelReport,
  payers: payersReport,
  reversals: reversalReport,
  undelivered: undeliveredReport,
};

/**
 * `GET /v1/admin/reports/<name>` (docs/reports.md) and `/v1/admin/reconciliations…` (docs/reconciliation.md): checks the admin key first — before telling whether the path
 * exists — then answers the report as JSON or CSV. Without an admin API every admin path is `404 NOT_FOUND`.
 */
export async function adminRoute(
  request: Request,
  url: URL,
  admin: AdminApi | undefined,
  now: number,
  server?: ServerContext,
): Promise<Response> {
  if (!admin) throw new ProtocolError('NOT_FOUND', 'this pay server has no admin API (no admin keys are configured)');
  const actor = await requireAdmin(request, admin.keys);
  const reconciliation = server && (await reconciliationRoute(request, url, server, actor));
  if (reconciliation) return reconciliation;
  const name = /^\/v1\/admin\/reports\/([a-z]+)$/.exec(url.pathname)?.[1];
  const report = name !== undefined && Object.hasOwn(REPORTS, name) ? REPORTS[name] : undefined;
  if (!report) throw new ProtocolError('NOT_FOUND', `no admin endpoint ${url.pathname}`);
  if (request.method !== 'GET') {
    throw new ProtocolError('METHOD_NOT_ALLOWED', `${url.pathname} answers GET`, { headers: { allow: 'GET' } });
  }
  if (!admin.reports) throw new ProtocolError('NOT_FOUND', 'this pay server’s store keeps no reports');
  const csv = wantsCsv(request, url);
  const table = await report(admin.reports, parseReportQuery(url, now), url, now);
  if (!csv) return jsonResponse(200, table);
  return new Response(toCsv(table), {
    status: 200,
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${table.report}-${table.from}-${table.to}.csv"`,
    },
  });
}
