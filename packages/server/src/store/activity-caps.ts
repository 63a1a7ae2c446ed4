import type { ActivityEntry } from '../activity/activity-log.js';

/** The longest `detail` a store keeps (the contract's 200 characters); longer is cut, not refused. */
export const ACTIVITY_DETAIL_MAX = 200;
/** The longest `endpoint` a store keeps. */
export const ACTIVITY_ENDPOINT_MAX = 500;

/**
 * A copy of `entry` as a store keeps it: only the contract's fields, those absent left out (never `undefined` or
 * `null`), `detail` and `endpoint` cut to their caps — defensive, since the recorder caps them too.
 */
export function storedActivityEntry(entry: ActivityEntry): ActivityEntry {
  const { at, appId, kind, outcome, actor } = entry;
  const stored: ActivityEntry = { at, appId, kind, outcome, actor };
  if (entry.billId !== undefined) stored.billId = entry.billId;
  if (entry.channel !== undefined) stored.channel = entry.channel;
  if (entry.channelTradeNo !== undefined) stored.channelTradeNo = entry.channelTradeNo;
  if (entry.endpoint !== undefined) stored.endpoint = entry.endpoint.slice(0, ACTIVITY_ENDPOINT_MAX);
  if (entry.eventId !== undefined) stored.eventId = entry.eventId;
  if (entry.detail !== undefined) stored.detail = entry.detail.slice(0, ACTIVITY_DETAIL_MAX);
  if (entry.instanceId !== undefined) stored.instanceId = entry.instanceId;
  return stored;
}
