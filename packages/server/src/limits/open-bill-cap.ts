import type { ServerContext } from '../server-context.js';
import type { BillStore } from '../store/bill-store.js';
import { ProtocolError } from '../http/protocol-error.js';

/** A bill that is still `created` and not yet due, counted by the store's own query when it has one. */
async function openBills(store: BillStore, appId: string, userId: string, cap: number, now: number): Promise<number> {
  if (store.countOpenBills) return store.countOpenBills(appId, userId, now);
  const listed = await store.listBills({ appId, userId, state: 'created', limit: cap * 2 });
  return listed.filter((bill) => bill.expiresAt >= now).length;
}

/**
 * Refuses a new bill for a player who has `cap` open bills already: `409 TOO_MANY_OPEN_BILLS`, not retryable — a
 * retry cannot help until the player pays, cancels or lets a bill expire, so the SDK must not wait and retry it as
 * it does a `429`. Called by the idempotent create once the key is claimed for a NEW bill, so a replay of a create
 * that already happened never reaches it. Two creates of one player at once may both pass at `cap − 1`; the
 * per-player create rate bounds that. Not applied with development auth.
 */
export async function checkOpenBillCap(appId: string, userId: string, ctx: ServerContext): Promise<void> {
  // Development mode believes the body's userId, so "a player" means nothing there; its per-IP limits still apply.
  if (ctx.auth.development) return;
  const cap = ctx.options.limits.openBillsPerPlayer;
  if ((await openBills(ctx.store, appId, userId, cap, ctx.options.now())) < cap) return;
  throw new ProtocolError(
    'TOO_MANY_OPEN_BILLS',
    `player ${userId} has ${cap} open bills, the most this server allows: pay, cancel or let one expire`,
  );
}
