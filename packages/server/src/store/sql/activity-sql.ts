import {
  ALL_APPS,
  type ActivityEntry,
  type ActivityKind,
  type ActivityLog,
  type ActivityRange,
  type ChannelNotificationCounts,
  type InstanceStatus,
  type WebhookEndpointCounts,
} from '../../activity/activity-log.js';
import { activityRowValues, entryOfRow, instanceOfRow } from './activity-rows.js';

/** One statement with `?` placeholders. */
export interface ActivityStatement {
  sql: string;
  params: unknown[];
}

/** Each engine's way to read, and to run statements as one atomic write (answering the rows each changed). */
export interface ActivitySqlEngine {
  read(statement: ActivityStatement): Promise<Record<string, unknown>[]>;
  write(statements: readonly ActivityStatement[]): Promise<number[]>;
}

const INSERT_COLUMNS =
  'at, app_id, kind, outcome, actor, bill_id, channel, channel_trade_no, endpoint, event_id, detail, instance_id';
const ROW_PLACEHOLDERS = `(${INSERT_COLUMNS.split(', ')
  .map(() => '?')
  .join(', ')})`;
/** 12 values a row: 1,000 rows stay well under PostgreSQL's 65,535 parameters and SQLite's 32,766. */
const ROWS_PER_INSERT = 1000;
const SELECT_ENTRY = `SELECT ${INSERT_COLUMNS} FROM activity`;

/** `kind = '<kind>'` written out, never bound: the partial indexes need the literal. */
const kindIs = (kind: ActivityKind) => `kind = '${kind}'`;
const inRange = (range: ActivityRange, params: unknown[]) => {
  params.push(range.from, range.to);
  if (range.appId === undefined) return 'at >= ? AND at < ?';
  params.push(range.appId);
  return 'at >= ? AND at < ? AND app_id = ?';
};
/**
 * The newest `kind` entry with `outcome` of each (game, `column`) in the range, with its detail: the newest time of
 * each from the partial index alone, then the entries at that very time (a probe of the index's leading column). Rows
 * of one group that share the time come out each; {@link newestByGroup} keeps the last stored.
 */
function newestOfEach(kind: ActivityKind, outcome: string, column: string, range: ActivityRange): ActivityStatement {
  const params: unknown[] = [];
  const newest =
    `SELECT app_id, ${column} AS name, MAX(at) AS at FROM activity ` +
    `WHERE ${kindIs(kind)} AND outcome = '${outcome}' AND ${inRange(range, params)} GROUP BY app_id, ${column}`;
  const sql =
    `SELECT a.app_id, a.${column} AS name, a.at, a.detail, a.id FROM (${newest}) newest JOIN activity a ` +
    `ON a.at = newest.at AND a.app_id = newest.app_id AND a.${column} IS NOT DISTINCT FROM newest.name ` +
    `WHERE a.${kindIs(kind)} AND a.outcome = '${outcome}'`;
  return { sql, params };
}
const groupKey = (row: Record<string, unknown>, column = 'name') => JSON.stringify([row.app_id, row[column] ?? null]);
/** Of each group's rows, the one stored last. */
function newestByGroup(rows: Record<string, unknown>[]): Map<string, Record<string, unknown>> {
  const newest = new Map<string, Record<string, unknown>>();
  for (const row of rows) {
    const key = groupKey(row);
    const seen = newest.get(key);
    if (!seen || Number(row.id) > Number(seen.id)) newest.set(key, row);
  }
  return newest;
}
const byAppThen =
  <T extends { app: string }>(name: (row: T) => string) =>
  (a: T, b: T) =>
    a.app < b.app ? -1 : a.app > b.app ? 1 : name(a) < name(b) ? -1 : name(a) > name(b) ? 1 : 0;

/** An {@link ActivityLog} over SQL: the same statements on SQLite and PostgreSQL. */
export class SqlActivityLog implements ActivityLog {
  constructor(private readonly engine: ActivitySqlEngine) {}

  async append(entries: readonly ActivityEntry[]): Promise<void> {
    if (entries.length === 0) return;
    const statements: ActivityStatement[] = [];
    for (let start = 0; start < entries.length; start += ROWS_PER_INSERT) {
      const chunk = entries.slice(start, start + ROWS_PER_INSERT);
      statements.push({ sql: insertActivity(chunk.length), params: chunk.flatMap(activityRowValues) });
    }
    await this.engine.write(statements);
  }

  async listForBill(billId: string, limit: number): Promise<ActivityEntry[]> {
    const sql = `${SELECT_ENTRY} WHERE bill_id = ? ORDER BY at, id LIMIT ?`;
    return (await this.engine.read({ sql, params: [billId, limit] })).map(entryOfRow);
  }

  async findBillsByTradeNo(channelTradeNo: string, limit: number, appId?: string): Promise<string[]> {
    const params: unknown[] = [channelTradeNo];
    if (appId !== undefined) params.push(appId);
    const sql =
      'SELECT bill_id, MAX(at) AS last_at, MAX(id) AS last_id FROM activity ' +
      `WHERE channel_trade_no = ? AND bill_id IS NOT NULL${appId === undefined ? '' : ' AND app_id = ?'} ` +
      'GROUP BY bill_id ORDER BY last_at DESC, last_id DESC LIMIT ?';
    const rows = await this.engine.read({ sql, params: [...params, limit] });
    return rows.map((row) => String(row.bill_id));
  }

  async countNotifications(range: ActivityRange): Promise<ChannelNotificationCounts[]> {
    const countParams: unknown[] = [];
    const where = `${kindIs('notification')} AND ${inRange(range, countParams)}`;
    const counts = await this.engine.read({
      sql: `SELECT app_id, channel, outcome, COUNT(*) AS n FROM activity WHERE ${where} GROUP BY app_id, channel, outcome`,
      params: countParams,
    });
    const lastRefused = newestByGroup(
      await this.engine.read(newestOfEach('notification', 'refused', 'channel', range)),
    );
    const found = new Map<string, ChannelNotificationCounts>();
    for (const row of counts) {
      const key = groupKey(row, 'channel');
      let group = found.get(key);
      if (!group) {
        group = {
          app: String(row.app_id),
          channel: String(row.channel ?? ''),
          accepted: 0,
          ignored: 0,
          refused: 0,
          rejected: 0,
        };
        const last = lastRefused.get(key);
        if (last) {
          group.lastRefusedAt = Number(last.at);
          if (last.detail !== null && last.detail !== undefined) group.lastRefusedReason = String(last.detail);
        }
        found.set(key, group);
      }
      const outcome = String(row.outcome);
      if (outcome === 'accepted' || outcome === 'ignored' || outcome === 'refused' || outcome === 'rejected')
        group[outcome] += Number(row.n);
    }
    return [...found.values()].sort(byAppThen((group) => group.channel));
  }

  async webhookEndpoints(range: ActivityRange): Promise<WebhookEndpointCounts[]> {
    const countParams: unknown[] = [];
    const where = `${kindIs('webhook')} AND ${inRange(range, countParams)}`;
    const counts = await this.engine.read({
      sql:
        "SELECT app_id, endpoint, SUM(CASE WHEN outcome = 'sent' THEN 1 ELSE 0 END) AS sent, " +
        "SUM(CASE WHEN outcome = 'failed' THEN 1 ELSE 0 END) AS failed, MAX(at) AS last_at " +
        `FROM activity WHERE ${where} GROUP BY app_id, endpoint`,
      params: countParams,
    });
    const lastFailed = newestByGroup(await this.engine.read(newestOfEach('webhook', 'failed', 'endpoint', range)));
    return counts
      .map((row): WebhookEndpointCounts => {
        const endpoint: WebhookEndpointCounts = {
          app: String(row.app_id),
          endpoint: String(row.endpoint ?? ''),
          sent: Number(row.sent),
          failed: Number(row.failed),
          lastAttemptAt: Number(row.last_at),
        };
        const last = lastFailed.get(groupKey(row, 'endpoint'));
        if (last) {
          endpoint.lastFailedAt = Number(last.at);
          if (last.detail !== null && last.detail !== undefined) endpoint.lastFailure = String(last.detail);
        }
        return endpoint;
      })
      .sort(byAppThen((endpoint) => endpoint.endpoint));
  }

  async purgeBefore(before: number, limit: number): Promise<number> {
    const sql = 'DELETE FROM activity WHERE id IN (SELECT id FROM activity WHERE at < ? ORDER BY at LIMIT ?)';
    const [deleted] = await this.engine.write([
      { sql, params: [before, limit] },
      { sql: 'DELETE FROM instances WHERE seen_at < ?', params: [before] },
    ]);
    return deleted ?? 0;
  }

  async lastAdminAction(actor: string, outcome: string): Promise<number | undefined> {
    const sql = `SELECT MAX(at) AS at FROM activity WHERE ${kindIs('admin')} AND actor = ? AND outcome = ?`;
    const [row] = await this.engine.read({ sql, params: [actor, outcome] });
    return row?.at === null || row?.at === undefined ? undefined : Number(row.at);
  }

  async listAdminActions(query: { appId?: string; before?: number; limit: number }): Promise<ActivityEntry[]> {
    const params: unknown[] = [];
    let where = kindIs('admin');
    if (query.appId !== undefined) {
      where += ' AND app_id IN (?, ?)';
      params.push(query.appId, ALL_APPS);
    }
    if (query.before !== undefined) {
      where += ' AND at < ?';
      params.push(query.before);
    }
    const sql = `${SELECT_ENTRY} WHERE ${where} ORDER BY at DESC, id DESC LIMIT ?`;
    return (await this.engine.read({ sql, params: [...params, query.limit] })).map(entryOfRow);
  }

  async heartbeat(status: InstanceStatus): Promise<void> {
    const sql =
      'INSERT INTO instances (instance_id, started_at, seen_at, held_waits) VALUES (?, ?, ?, ?) ' +
      'ON CONFLICT (instance_id) DO UPDATE SET started_at = excluded.started_at, seen_at = excluded.seen_at, ' +
      'held_waits = excluded.held_waits';
    await this.engine.write([{ sql, params: [status.instanceId, status.startedAt, status.seenAt, status.heldWaits] }]);
  }

  async listInstances(seenSince: number): Promise<InstanceStatus[]> {
    const rows = await this.engine.read({
      sql: 'SELECT instance_id, started_at, seen_at, held_waits FROM instances WHERE seen_at >= ? ORDER BY instance_id',
      params: [seenSince],
    });
    return rows.map(instanceOfRow);
  }
}

/** The insert of `rows` entries (each {@link activityRowValues}). */
export function insertActivity(rows: number): string {
  return `INSERT INTO activity (${INSERT_COLUMNS}) VALUES ${Array.from({ length: rows }, () => ROW_PLACEHOLDERS).join(', ')}`;
}
