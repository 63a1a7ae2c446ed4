import type { Bill, Coinslot, PaymentInterface, Presentation, PurchaseResult } from '@coinslot/core';
import type { ScriptedOutcome } from '../double/scripted-outcome.js';
import type { CheckContext } from './check-context.js';
import { ConformanceFailure, describeError } from './conformance-failure.js';
import type { ConformanceCheckId, ConformanceScenario, DriveContext } from './conformance-options.js';
import { instrumentChannel, type PayRecord } from './instrumented-channel.js';
import { lendWindow } from './lend-window.js';
import { now, pause } from './suite-clock.js';

/** What one purchase of the suite did. */
export interface PurchaseRun {
  adapter: PaymentInterface<unknown>;
  coinslot: Coinslot;
  pays: PayRecord[];
  result?: PurchaseResult;
  error?: unknown;
  startedAt: number;
  endedAt: number;
  /** When the suite aborted the purchase (`abort` only). */
  abortedAt?: number;
  /** `bill-paid` events core emitted. */
  paidEvents: number;
  /** The requests core sent to the pay server. */
  requests: Array<{ method: string; path: string }>;
  /** What the drive hooks threw. */
  driveErrors: unknown[];
}

/** Options of one purchase. */
export interface PurchaseRunOptions {
  presentation?: Presentation;
  window?: Window | null;
}

/** What the double's channel server does in each scenario; the adapter (or the drive) must do the rest. */
const DOUBLE_SCRIPT: Record<Exclude<ConformanceScenario, 'slow'>, ScriptedOutcome> = {
  approve: 'paid',
  decline: 'declined',
  cancel: 'never',
  abort: 'never',
  duplicate: 'duplicate',
};

let purchases = 0;

async function drive(
  ctx: CheckContext,
  scenario: ConformanceScenario,
  record: PayRecord,
  run: PurchaseRun,
): Promise<void> {
  const hooks = ctx.options.drive;
  const hook = scenario === 'decline' ? hooks.decline : scenario === 'cancel' ? hooks.cancel : hooks.approve;
  if (!hook) return;
  const { bill, launch, serverUrl, presentation, window, signal } = record.ctx;
  const driveCtx: DriveContext = {
    scenario,
    bill,
    launch,
    serverUrl,
    presentation,
    signal,
    // Core types ctx.window structurally (its declarations need no DOM lib); in a browser it is the real Window.
    ...(window === undefined ? {} : { window: window as Window | null }),
    ...(ctx.server.double ? { double: ctx.server.double } : {}),
  };
  for (let i = 0; i < (scenario === 'duplicate' ? 2 : 1); i += 1) {
    try {
      await hook.call(hooks, driveCtx);
    } catch (error) {
      run.driveErrors.push(error);
    }
  }
}

/** core's fetch for one purchase: records the requests and, on a real server, delivers a `slow` result late. */
function watchedFetch(run: PurchaseRun, slowMs: number | undefined): typeof fetch {
  let delayed = false;
  return async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const method = (init?.method ?? (input instanceof Request ? input.method : 'GET')).toUpperCase();
    run.requests.push({ method, path: url.pathname });
    const response = await globalThis.fetch(input, init);
    if (slowMs !== undefined && !delayed && method === 'GET' && url.pathname.endsWith('/result')) {
      delayed = true;
      await pause(slowMs);
    }
    return response;
  };
}

/**
 * Buy the suite's item with a fresh adapter through the real core, in one scenario: the double (if any) is
 * scripted for this purchase's player, the drive hook runs once `pay()` started, `abort` aborts right then.
 * A given `window` is the popup core opens inside the click (see {@link lendWindow}), and `ctx.window` where
 * core opens none (outside a browser).
 * @throws ConformanceFailure when core does not accept the adapter.
 */
export async function runPurchase(
  ctx: CheckContext,
  check: ConformanceCheckId,
  scenario: ConformanceScenario,
  options: PurchaseRunOptions = {},
): Promise<PurchaseRun> {
  const { timing, purchase } = ctx.options;
  const adapter = await ctx.newAdapter();
  const controller = new AbortController();
  const run = {
    adapter,
    paidEvents: 0,
    requests: [],
    driveErrors: [],
    startedAt: 0,
    endedAt: 0,
  } as unknown as PurchaseRun;
  const drives: Array<Promise<void>> = [];
  const { channel, pays } = instrumentChannel(adapter, {
    ...options,
    onPay(record) {
      if (scenario !== 'abort')
        return void drives.push(Promise.resolve().then(() => drive(ctx, scenario, record, run)));
      run.abortedAt = now();
      controller.abort();
    },
  });
  run.pays = pays;
  const slowOnClient = scenario === 'slow' && !ctx.server.double ? timing.slowMs : undefined;
  run.coinslot = ctx.coinslot(channel, scenario, watchedFetch(run, slowOnClient));
  const { ready, skipped } = await run.coinslot.ready();
  if (!ready.has(adapter.id)) {
    const why = skipped.find((entry) => entry.channel === adapter.id);
    throw new ConformanceFailure(
      check,
      `core did not accept the adapter: ${why ? `${why.reason}: ${why.message}` : 'it is not ready'}`,
    );
  }
  const userId = `conformance-${scenario}-${++purchases}`;
  ctx.server.double?.script(
    scenario === 'slow' ? { result: 'paid', afterMs: timing.slowMs } : DOUBLE_SCRIPT[scenario],
    { userId },
  );
  run.coinslot.on('bill-paid', () => void (run.paidEvents += 1));
  run.startedAt = now();
  try {
    const request = {
      channel: adapter.id,
      userId,
      ...purchase,
      deadlineMs: timing.purchaseMs,
      signal: controller.signal,
    };
    run.result = await lendWindow(options.window, () => run.coinslot.purchase(request));
  } catch (error) {
    run.error = error;
  }
  run.endedAt = now();
  await Promise.all(drives);
  return run;
}

/** Fail unless the purchase ended with `status`, saying what happened instead and what usually causes it. */
export function expectStatus(
  check: ConformanceCheckId,
  run: PurchaseRun,
  status: PurchaseResult['status'],
  hint: string,
): PurchaseResult {
  const pay = run.pays[0];
  const payWas =
    pay === undefined
      ? 'pay() was never called'
      : pay.error !== undefined
        ? `pay() rejected with ${describeError(pay.error)}`
        : `pay() resolved ${JSON.stringify(pay.outcome)}`;
  const drive = run.driveErrors.length > 0 ? `; the drive hook threw ${describeError(run.driveErrors[0])}` : '';
  if (run.error !== undefined)
    throw new ConformanceFailure(
      check,
      `the purchase rejected with ${describeError(run.error)}, expected it to end "${status}" (${payWas}${drive}). ${hint}`,
      { cause: run.error },
    );
  if (run.result?.status !== status)
    throw new ConformanceFailure(
      check,
      `the purchase ended "${run.result?.status}", expected "${status}" (${payWas}${drive}). ${hint}`,
    );
  if (run.driveErrors.length > 0)
    throw new ConformanceFailure(check, `the drive hook threw ${describeError(run.driveErrors[0])}`, {
      cause: run.driveErrors[0],
    });
  return run.result;
}

/** The bill as the pay server stores it now. */
export async function serverBill(ctx: CheckContext, id: string): Promise<Bill> {
  const response = await globalThis.fetch(`${ctx.server.url}/v1/bills/${encodeURIComponent(id)}`);
  if (!response.ok) throw new Error(`GET /v1/bills/${id} answered ${response.status}`);
  return ((await response.json()) as { bill: Bill }).bill;
}
