import type { ActivityEntry, ActivityKind, InstanceStatus } from '../../activity/activity-log.js';
import { storedActivityEntry } from '../activity-caps.js';

/** The values of one row of `insertActivity`, in its column order (absent fields as NULL, long ones cut). */
export function activityRowValues(entry: ActivityEntry): unknown[] {
  const e = storedActivityEntry(entry);
  return [
    e.at,
    e.appId,
    e.kind,
    e.outcome,
    e.actor,
    e.billId ?? null,
    e.channel ?? null,
    e.channelTradeNo ?? null,
    e.endpoint ?? null,
    e.eventId ?? null,
    e.detail ?? null,
    e.instanceId ?? null,
  ];
}

const OPTIONAL_COLUMNS = [
  ['bill_id', 'billId'],
  ['channel', 'channel'],
  ['channel_trade_no', 'channelTradeNo'],
  ['endpoint', 'endpoint'],
  ['event_id', 'eventId'],
  ['detail', 'detail'],
  ['instance_id', 'instanceId'],
] as const;

/** A selected `activity` row as an {@link ActivityEntry}: NULL columns left out (a PostgreSQL BIGINT is a string). */
export function entryOfRow(row: Record<string, unknown>): ActivityEntry {
  const entry: ActivityEntry = {
    at: Number(row.at),
    appId: String(row.app_id),
    kind: String(row.kind) as ActivityKind,
    outcome: String(row.outcome),
    actor: String(row.actor),
  };
  for (const [column, field] of OPTIONAL_COLUMNS) {
    const value = row[column];
    if (value !== null && value !== undefined) entry[field] = String(value);
  }
  return entry;
}

/** A selected `instances` row as an {@link InstanceStatus}. */
export function instanceOfRow(row: Record<string, unknown>): InstanceStatus {
  return {
    instanceId: String(row.instance_id),
    startedAt: Number(row.started_at),
    seenAt: Number(row.seen_at),
    heldWaits: Number(row.held_waits),
  };
}
