import type { App } from '../apps/app.js';
import type { DriverContext } from '../drivers/channel-driver.js';
import type { SettlementRecord } from '../drivers/settlement.js';
import { ProtocolError } from '../http/protocol-error.js';
import { randomId } from '../signing/random-token.js';
import type { BillStore } from '../store/bill-store.js';
import { matchSettlement } from './match-settlement.js';
import { mismatchEvent } from './mismatch-event.js';
import type { ReconciliationStore } from './reconciliation-store.js';
import {
  ITEM_KINDS,
  type ItemKind,
  MISMATCH_KINDS,
  NEIGHBOUR_MARGIN_MS,
  type ReconciliationItem,
  type ReconciliationRun,
} from './reconciliation-types.js';
import { settlementWindow } from './settlement-window.js';

/** What one run reconciles: a game's channel on one settlement day, fetched or from an uploaded file. */
export interface RunRequest {
  app: App;
  channel: string;
  date: string;
  /** The uploaded file; absent: fetch through the driver. */
  file?: Uint8Array;
}

/** What a run needs from the server. */
export interface RunDeps {
  store: BillStore;
  runs: ReconciliationStore;
  ctx: DriverContext;
  /** Whether the game's webhook endpoint takes events (else they are for `GET /v1/events` only). */
  dispatches(appId: string): boolean;
  /** Wakes the event dispatcher after a mismatch event was recorded. */
  recorded(): void;
}

async function readLines(
  request: RunRequest,
  deps: RunDeps,
  date: string,
  timeZone: string,
): Promise<SettlementRecord[]> {
  const driver = request.app.drivers.get(request.channel)!;
  const what = request.file ? 'parseSettlementFile' : 'fetchSettlement';
  if (!driver[what]) {
    throw new ProtocolError('SETTLEMENT_UNSUPPORTED', `the ${driver.id} driver has no ${what}`, { field: 'channel' });
  }
  if (request.file) {
    try {
      return await driver.parseSettlementFile!(request.file, deps.ctx);
    } catch (error) {
      throw new ProtocolError(
        'SETTLEMENT_FILE_INVALID',
        `not a ${driver.id} settlement file: ${(error as Error).message}`,
      );
    }
  }
  try {
    return await driver.fetchSettlement!({ date, timeZone }, deps.ctx);
  } catch (error) {
    deps.ctx.logger.warn(`reconciliation: ${driver.id} fetchSettlement failed: ${(error as Error).message}`);
    throw new ProtocolError('SETTLEMENT_UNAVAILABLE', `the ${driver.id} channel did not answer its settlement`);
  }
}

/**
 * Reconciles one game's channel for one settlement day (docs/reconciliation.md): reads the channel's lines, keeps
 * those of the day, matches them to the game's bills and stores the run — replacing an earlier run of the same day —
 * with its `reconciliation.mismatch` event when anything did not match.
 */
export async function runReconciliation(
  request: RunRequest,
  deps: RunDeps,
): Promise<{ run: ReconciliationRun; items: ReconciliationItem[] }> {
  const { app, channel, date } = request;
  const driver = app.drivers.get(channel);
  if (!driver)
    throw new ProtocolError('UNKNOWN_CHANNEL', `the game ${app.id} has no channel ${channel}`, { field: 'channel' });
  const timeZone = driver.settlementTimeZone ?? 'UTC';
  const day = settlementWindow(date, timeZone);
  if (!day) throw new ProtocolError('INVALID_FIELD', 'date must be a real YYYY-MM-DD', { field: 'date' });
  const all = await readLines(request, deps, date, timeZone);
  // A file may span several days: only the day's lines count (by the channel's own time of each).
  const lines = all.filter((line) => line.occurredAt >= day.from && line.occurredAt < day.to);
  const ours = (bill: { appId: string; channel: string } | undefined) =>
    bill !== undefined && bill.appId === app.id && bill.channel === channel;
  const items = await matchSettlement({
    lines,
    day,
    billsNear: await deps.runs.billsMovedBetween(
      app.id,
      channel,
      day.from - NEIGHBOUR_MARGIN_MS,
      day.to + NEIGHBOUR_MARGIN_MS,
    ),
    // Another game's bill is never read here: a line naming one is "missing here" for this game.
    getBill: async (id) => {
      const bill = (await deps.store.getBill(id))?.bill;
      return ours(bill) ? bill : undefined;
    },
  });
  const counts = Object.fromEntries(ITEM_KINDS.map((kind) => [kind, 0])) as Record<ItemKind, number>;
  for (const item of items) counts[item.kind] += 1;
  const run: ReconciliationRun = {
    id: `rec_${randomId(16)}`,
    appId: app.id,
    channel,
    date,
    timeZone,
    source: request.file ? 'upload' : 'fetch',
    createdAt: deps.ctx.now(),
    from: day.from,
    to: day.to,
    lines: lines.length,
    counts,
    mismatches: items.filter((item) => MISMATCH_KINDS.includes(item.kind)).length,
  };
  const event = mismatchEvent(run, items, deps.dispatches(app.id) ? 'pending' : 'none');
  await deps.runs.saveRun(run, items, event);
  if (event) deps.recorded();
  return { run, items };
}
