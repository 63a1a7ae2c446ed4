import {
  ALL_APPS,
  type ActivityEntry,
  type ActivityLog,
  type ActivityRange,
  type ChannelNotificationCounts,
  type InstanceStatus,
  type WebhookEndpointCounts,
} from '../activity/activity-log.js';
import { storedActivityEntry } from './activity-caps.js';

/** How many entries {@link MemoryActivityLog} keeps by default. */
export const MEMORY_ACTIVITY_CAP = 100_000;

const inRange = (range: ActivityRange) => (entry: ActivityEntry) =>
  entry.at >= range.from && entry.at < range.to && (range.appId === undefined || entry.appId === range.appId);
const byAppThen =
  <T extends { app: string }>(name: (row: T) => string) =>
  (a: T, b: T) =>
    a.app < b.app ? -1 : a.app > b.app ? 1 : name(a) < name(b) ? -1 : name(a) > name(b) ? 1 : 0;

/**
 * The {@link ActivityLog} of the in-memory store (development and tests): an array in the order entries were
 * appended, read by walking it. It keeps the newest `cap` entries only (100,000 by default), dropping the oldest
 * appended, so a development server left running does not grow without bound; lost on restart like the bills.
 */
export class MemoryActivityLog implements ActivityLog {
  #entries: ActivityEntry[] = [];
  readonly #instances = new Map<string, InstanceStatus>();

  constructor(private readonly cap = MEMORY_ACTIVITY_CAP) {}

  async append(entries: readonly ActivityEntry[]): Promise<void> {
    for (const entry of entries) this.#entries.push(storedActivityEntry(entry));
    if (this.#entries.length > this.cap) this.#entries.splice(0, this.#entries.length - this.cap);
  }

  async listForBill(billId: string, limit: number): Promise<ActivityEntry[]> {
    return this.#entries
      .map((entry, order) => ({ entry, order }))
      .filter(({ entry }) => entry.billId === billId)
      .sort((a, b) => a.entry.at - b.entry.at || a.order - b.order)
      .slice(0, limit)
      .map(({ entry }) => ({ ...entry }));
  }

  async findBillsByTradeNo(channelTradeNo: string, limit: number, appId?: string): Promise<string[]> {
    const newest = new Map<string, { at: number; order: number }>();
    this.#entries.forEach((entry, order) => {
      if (entry.channelTradeNo !== channelTradeNo || entry.billId === undefined) return;
      if (appId !== undefined && entry.appId !== appId) return;
      // As the SQL stores do: the newest time, then the latest stored, each of the bill's entries.
      const seen = newest.get(entry.billId);
      newest.set(entry.billId, { at: Math.max(seen?.at ?? entry.at, entry.at), order });
    });
    return [...newest]
      .sort(([, a], [, b]) => b.at - a.at || b.order - a.order)
      .slice(0, limit)
      .map(([billId]) => billId);
  }

  async countNotifications(range: ActivityRange): Promise<ChannelNotificationCounts[]> {
    const groups = new Map<string, ChannelNotificationCounts>();
    for (const entry of this.#entries.filter(inRange(range))) {
      if (entry.kind !== 'notification') continue;
      const key = JSON.stringify([entry.appId, entry.channel ?? null]);
      let group = groups.get(key);
      if (!group) {
        group = { app: entry.appId, channel: entry.channel ?? '', accepted: 0, ignored: 0, refused: 0, rejected: 0 };
        groups.set(key, group);
      }
      const { outcome } = entry;
      if (outcome === 'accepted' || outcome === 'ignored' || outcome === 'rejected') group[outcome] += 1;
      if (outcome !== 'refused') continue;
      group.refused += 1;
      if (group.lastRefusedAt !== undefined && entry.at < group.lastRefusedAt) continue;
      group.lastRefusedAt = entry.at;
      if (entry.detail === undefined) delete group.lastRefusedReason;
      else group.lastRefusedReason = entry.detail;
    }
    return [...groups.values()].sort(byAppThen((group) => group.channel));
  }

  async webhookEndpoints(range: ActivityRange): Promise<WebhookEndpointCounts[]> {
    const groups = new Map<string, WebhookEndpointCounts>();
    for (const entry of this.#entries.filter(inRange(range))) {
      if (entry.kind !== 'webhook') continue;
      const key = JSON.stringify([entry.appId, entry.endpoint ?? null]);
      let group = groups.get(key);
      if (!group) {
        group = { app: entry.appId, endpoint: entry.endpoint ?? '', sent: 0, failed: 0, lastAttemptAt: entry.at };
        groups.set(key, group);
      }
      group.lastAttemptAt = Math.max(group.lastAttemptAt, entry.at);
      if (entry.outcome === 'sent') group.sent += 1;
      if (entry.outcome !== 'failed') continue;
      group.failed += 1;
      if (group.lastFailedAt !== undefined && entry.at < group.lastFailedAt) continue;
      group.lastFailedAt = entry.at;
      if (entry.detail === undefined) delete group.lastFailure;
      else group.lastFailure = entry.detail;
    }
    return [...groups.values()].sort(byAppThen((group) => group.endpoint));
  }

  async purgeBefore(before: number, limit: number): Promise<number> {
    const oldest = this.#entries
      .filter((entry) => entry.at < before)
      .sort((a, b) => a.at - b.at)
      .slice(0, limit);
    const purged = new Set(oldest);
    this.#entries = this.#entries.filter((entry) => !purged.has(entry));
    for (const [id, status] of this.#instances) if (status.seenAt < before) this.#instances.delete(id);
    return purged.size;
  }

  async lastAdminAction(actor: string, outcome: string): Promise<number | undefined> {
    let last: number | undefined;
    for (const entry of this.#entries) {
      if (entry.kind === 'admin' && entry.actor === actor && entry.outcome === outcome)
        last = Math.max(last ?? entry.at, entry.at);
    }
    return last;
  }

  async listAdminActions(query: { appId?: string; before?: number; limit: number }): Promise<ActivityEntry[]> {
    const { appId, before, limit } = query;
    return this.#entries
      .map((entry, order) => ({ entry, order }))
      .filter(({ entry }) => entry.kind === 'admin' && (before === undefined || entry.at < before))
      .filter(({ entry }) => appId === undefined || entry.appId === appId || entry.appId === ALL_APPS)
      .sort((a, b) => b.entry.at - a.entry.at || b.order - a.order)
      .slice(0, limit)
      .map(({ entry }) => ({ ...entry }));
  }

  async heartbeat(status: InstanceStatus): Promise<void> {
    this.#instances.set(status.instanceId, { ...status });
  }

  async listInstances(seenSince: number): Promise<InstanceStatus[]> {
    return [...this.#instances.values()]
      .filter((status) => status.seenAt >= seenSince)
      .sort((a, b) => (a.instanceId < b.instanceId ? -1 : a.instanceId > b.instanceId ? 1 : 0))
      .map((status) => ({ ...status }));
  }
}
