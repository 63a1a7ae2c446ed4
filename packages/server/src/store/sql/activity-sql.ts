import type {
  ActivityEntry,
  ActivityKind,
  ActivityLog,
  ActivityRange,
  ChannelNotificationCounts,
  InstanceStatus,
  WebhookEndpointCounts,
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
/** 12 values a row: 400 rows stay well under PostgreSQL's 65,535 parameters and SQLite's 32,766. */
const ROWS_PER_INSERT = 400;
const SELECT_ENTRY = `SELECT ${INSERT_COLUMNS} FROM activity`;

/** `kind = '<kind>'` written out, never bound: the partial indexes need the literal. */
const kindIs = (kind: ActivityKind) => `kind = '${kind}'`;
const inRange = (range: ActivityRange, params: unknown[]) => {
  params.push(range.from, range.to);
  if (range.appId === undefined) return 'at >= ? AND at < ?';
  params.push(range.appId);
  return 'at >= ? AND at < ? AND app_id = ?';
};
/** The newest row of each (app, column) group among `where`: `n = 1`. */
const newestOfEach = (column: string, where: string) =>
  `SELECT app_id, ${column} AS name, at, detail FROM (SELECT app_id, ${column}, at, detail, ` +
  `ROW_NUMBER() OVER (PARTITION BY app_id, ${column} ORDER BY at DESC, id DESC) AS n FROM activity WHERE ${where}) ` +
  'newest WHERE n = 1';
const groupKey = (row: Record<string, unknown>, column = 'name') => JSON.stringify([row.app_id, row[column] ?? null]);
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
    const refusedParams: unknown[] = [];
    const refused = await this.engine.read({
      sql: newestOfEach(
        'channel',
        `${kindIs('notification')} AND outcome = 'refused' AND ${inRange(range, refusedParams)}`,
      ),
      params: refusedParams,
    });
    const lastRefused = new Map(refused.map((row) => [groupKey(row), row]));
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
    const failedParams: unknown[] = [];
    const failed = await this.engine.read({
      sql: newestOfEach('endpoint', `${kindIs('webhook')} AND outcome = 'failed' AND ${inRange(range, failedParams)}`),
      params: failedParams,
    });
    const lastFailed = new Map(failed.map((row) => [groupKey(row), row]));
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
    const [deleted] = await this.engine.write([{ sql, params: [before, limit] }]);
    return deleted ?? 0;
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
