import type { PayServerClient } from '../client/pay-server-client.js';
import { isServerCode } from '../client/to-coinslot-error.js';
import type { ChannelLogger, PayContext, PayOutcome, PaymentInterface } from '../contract/payment-interface.js';
import { CoinslotError } from '../errors/coinslot-error.js';
import { abortError, untilAborted } from '../internal/abort.js';
import { isRecord, messageOf } from '../internal/guards.js';
import { isNetworkFailure } from '../internal/network-failure.js';

/** What a launch uses besides the adapter: the pay server, to report a proof or cancel, and a logger. */
export interface LaunchDeps {
  client: Pick<PayServerClient, 'report' | 'cancel' | 'launched'>;
  logger: ChannelLogger;
}

/** One launch: the adapter, the context it gets, and the operation's signal (caller + dispose, no deadline). */
export interface LaunchInput {
  adapter: PaymentInterface<unknown>;
  ctx: PayContext;
  signal: AbortSignal;
  /** True once the purchase's deadline has aborted `ctx.signal`. */
  deadlinePassed: () => boolean;
}

function isOutcome(value: unknown): value is PayOutcome {
  if (!isRecord(value)) return false;
  if (value.kind === 'proof') return isRecord(value.proof);
  return value.kind === 'launched' || value.kind === 'cancelled';
}

/**
 * What a `pay()` that threw rejects the purchase with, keeping what the adapter said about its own failure:
 * its `CHANNEL_LAUNCH_FAILED` as is; another Coinslot error wrapped with its `retryable` and `safeToShow` (and, when
 * safe to show, its message unprefixed, so it stays fit for a player); anything else wrapped, retryable only when it
 * is a failed `fetch` — a bug or a refusal does not go away by trying again.
 */
export function launchError(channel: string, cause: unknown): CoinslotError {
  if (CoinslotError.isInstance(cause) && cause.code === 'CHANNEL_LAUNCH_FAILED') return cause;
  const prefixed = `Channel "${channel}" failed to launch: ${messageOf(cause)}`;
  if (!CoinslotError.isInstance(cause)) {
    return new CoinslotError('CHANNEL_LAUNCH_FAILED', prefixed, { cause, retryable: isNetworkFailure(cause) });
  }
  const { retryable, safeToShow } = cause;
  return new CoinslotError('CHANNEL_LAUNCH_FAILED', safeToShow ? cause.message : prefixed, {
    cause,
    retryable,
    safeToShow,
  });
}

/** Cancel a bill whose purchase cannot go on; a failure only leaves it to expire. */
export async function cancelBestEffort(
  { client, logger }: LaunchDeps,
  billId: string,
  reason: string,
  signal: AbortSignal,
): Promise<void> {
  try {
    await client.cancel(billId, reason, signal);
  } catch (error) {
    logger.warn(`Could not cancel bill ${billId} (${reason}); it will expire.`, { error });
  }
}

/** Tolerate the server's `409 INVALID_TRANSITION`: the bill settled meanwhile, and the wait reads how. */
async function settledMeanwhileIsFine(call: Promise<unknown>): Promise<void> {
  try {
    await call;
  } catch (error) {
    if (!isServerCode(error, 'INVALID_TRANSITION')) throw error;
  }
}

/**
 * Run the adapter's `pay` and hand its outcome to the pay server: a proof is reported, a cancel is sent.
 * A launch that throws becomes `CHANNEL_LAUNCH_FAILED` ({@link launchError}) and the bill is cancelled so it does
 * not stay open, unless the caller aborted (`ABORTED`), the deadline passed (the wait then answers `pending`) or the
 * browser blocked the checkout window (`USER_ACTIVATION_REQUIRED`, passed on: the purchase pauses).
 */
export async function launchChannel(
  deps: LaunchDeps,
  { adapter, ctx, signal, deadlinePassed }: LaunchInput,
): Promise<void> {
  let outcome: unknown;
  // Best effort, beside the launch: a report for the funnel (protocol §2), never a reason to delay or fail a purchase.
  deps.client.launched(ctx.bill.id, signal).catch(() => {});
  try {
    outcome = await untilAborted(
      Promise.resolve().then(() => adapter.pay(ctx)),
      ctx.signal,
    );
  } catch (cause) {
    if (signal.aborted) throw abortError(signal);
    if (deadlinePassed()) return;
    // The browser blocked the checkout window: the bill stays open for the player's next tap.
    if (CoinslotError.isInstance(cause) && cause.code === 'USER_ACTIVATION_REQUIRED') throw cause;
    await cancelBestEffort(deps, ctx.bill.id, 'channel-error', signal);
    throw launchError(adapter.id, cause);
  }
  if (signal.aborted) throw abortError(signal);
  if (!isOutcome(outcome)) {
    await cancelBestEffort(deps, ctx.bill.id, 'channel-error', signal);
    throw new CoinslotError('CHANNEL_LAUNCH_FAILED', `Channel "${adapter.id}" answered pay() with an invalid outcome.`);
  }
  if (outcome.kind === 'proof') {
    await settledMeanwhileIsFine(deps.client.report(ctx.bill.id, outcome.proof, signal));
  } else if (outcome.kind === 'cancelled') {
    await settledMeanwhileIsFine(deps.client.cancel(ctx.bill.id, outcome.reason, signal));
  }
}
