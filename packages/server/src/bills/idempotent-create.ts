import type { Bill, CreateBillBody, CreateBillResponse } from '@coinslot/protocol';
import type { ChannelDriver, DriverContext } from '../drivers/channel-driver.js';
import { ProtocolError } from '../http/protocol-error.js';
import { checkOpenBillCap } from '../limits/open-bill-cap.js';
import type { ServerContext } from '../server-context.js';
import { randomId } from '../signing/random-token.js';
import type { IdempotencyScope } from '../store/bill-store.js';
import { bodyHash } from './body-hash.js';

/** An in-flight claim older than this is taken to be left by a crashed request and may be taken over. */
const STALE_CLAIM_MS = 60_000;

/** A create's answer: `201` for a new bill, `200` for a replay. */
export interface CreateOutcome {
  status: 200 | 201;
  body: CreateBillResponse;
}

/**
 * Creates a bill exactly once per (appId, userId, Idempotency-Key) — protocol v1 §5. The key is claimed atomically
 * first; a failure before the bill is stored (the open-bill cap included) releases it, so nothing is half-applied
 * and a retry may succeed.
 */
export async function createBillIdempotently(
  input: CreateBillBody & { userId: string; appId: string },
  key: string,
  driver: ChannelDriver,
  driverCtx: DriverContext,
  ctx: ServerContext,
): Promise<CreateOutcome> {
  const scope: IdempotencyScope = { appId: input.appId, userId: input.userId, key };
  const hash = await bodyHash(input);
  const now = ctx.options.now();
  const claim = await ctx.store.claimIdempotencyKey(scope, hash, now, now - STALE_CLAIM_MS);
  if (claim.status !== 'claimed' && claim.bodyHash !== hash) {
    throw new ProtocolError('IDEMPOTENCY_KEY_REUSED', 'this Idempotency-Key was used with another body');
  }
  if (claim.status === 'in-flight') {
    throw new ProtocolError('IDEMPOTENCY_KEY_IN_USE', 'the first request with this Idempotency-Key is still in flight');
  }
  if (claim.status === 'done') {
    const record = await ctx.bills.load(claim.billId);
    if (!record) throw new Error(`idempotency record names bill ${claim.billId}, which the store does not have`);
    return {
      status: 200,
      body: { bill: record.bill, launch: record.launch, billToken: await ctx.auth.billTokens.mint(record.bill.id) },
    };
  }
  try {
    await checkOpenBillCap(input.appId, input.userId, ctx);
    const bill: Bill = {
      id: `b_${randomId(16)}`,
      ...input,
      state: 'created',
      createdAt: now,
      updatedAt: now,
      expiresAt: now + ctx.options.billTtlMs,
    };
    const launch = await driver.launch(bill, driverCtx);
    // The bill and its key are one write, so a crash never leaves the bill stored and its key in flight.
    const keyDone = await ctx.store.insertBill({ bill, launch }, scope);
    if (keyDone !== true) await ctx.store.completeIdempotencyKey(scope, bill.id);
    return { status: 201, body: { bill, launch, billToken: await ctx.auth.billTokens.mint(bill.id) } };
  } catch (error) {
    await ctx.store.releaseIdempotencyKey(scope).catch(() => undefined);
    throw error;
  }
}
