import { SPEC_VERSION, type PayContext, type PayOutcome, type Platform } from '@coinslot/core';
import type { MockChannel, MockChannelCall, MockChannelOptions, MockPayOutcome } from './mock-channel-types.js';

const EVERY_PLATFORM: readonly Platform[] = ['web', 'electron-renderer', 'electron-main', 'node'];

const isProof = (outcome: MockChannelOptions['outcome']): boolean =>
  outcome === 'proof' || (typeof outcome === 'object' && outcome !== null && 'proof' in outcome);

function toPayOutcome(outcome: MockPayOutcome, ctx: PayContext): PayOutcome {
  if (outcome === 'launched') return { kind: 'launched' };
  if (outcome === 'proof') return { kind: 'proof', proof: { mock: true, billId: ctx.bill.id } };
  if (outcome === 'cancelled') return { kind: 'cancelled', reason: 'cancelled' };
  if (outcome === 'throws') throw new Error('The mock channel failed to launch (scripted "throws").');
  if (typeof outcome === 'object' && 'proof' in outcome) return { kind: 'proof', proof: outcome.proof };
  if (typeof outcome === 'object' && 'cancelled' in outcome) return { kind: 'cancelled', reason: outcome.cancelled };
  if (typeof outcome === 'object' && 'throws' in outcome) throw outcome.throws;
  throw new TypeError(`Unknown mock channel outcome ${JSON.stringify(outcome)}`);
}

/** Settle as `outcome` after `delayMs` — or at once with the signal's reason when it aborts first. */
function settle(ctx: PayContext, outcome: MockPayOutcome, delayMs: number): Promise<PayOutcome> {
  return new Promise<PayOutcome>((resolve, reject) => {
    const { signal } = ctx;
    if (signal.aborted) return reject(signal.reason);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    signal.addEventListener('abort', onAbort, { once: true });
    const finish = (): void => {
      if (outcome === 'hangs') return;
      signal.removeEventListener('abort', onAbort);
      try {
        resolve(toPayOutcome(outcome, ctx));
      } catch (error) {
        reject(error);
      }
    };
    if (delayMs > 0) timer = setTimeout(finish, delayMs);
    else finish();
  });
}

/**
 * Create a mock channel: a real {@link PaymentInterface} whose `pay()` does what the test scripted, and which
 * records every call. Load it like any adapter: `channels: { mock: async () => mock }`.
 *
 * @example
 * ```ts
 * const mock = createMockChannel({ outcome: 'cancelled' });
 * const coinslot = createCoinslot({ server: double.url, channels: { mock: async () => mock } });
 * expect((await coinslot.purchase({ channel: 'mock', … })).status).toBe('cancelled');
 * expect(mock.payments).toHaveLength(1);
 * ```
 */
export function createMockChannel(options: MockChannelOptions = {}): MockChannel {
  let outcome = options.outcome ?? 'launched';
  let disposed = false;
  const calls: MockChannelCall[] = [];
  const delayMs = options.delayMs ?? 0;
  const available = options.available ?? true;

  const capabilities = {
    platforms: EVERY_PLATFORM,
    presentations: ['headless'] as const,
    needsUserGesture: false,
    ...options.capabilities,
  };

  return {
    specVersion: SPEC_VERSION,
    id: options.id ?? 'mock',
    resultSource: options.resultSource ?? (isProof(outcome) ? 'client' : 'server'),
    capabilities,
    get calls() {
      return calls;
    },
    get payments() {
      return calls.filter((call) => call.method === 'pay');
    },
    get disposed() {
      return disposed;
    },
    setOutcome(next) {
      outcome = next;
    },
    isAvailable(ctx) {
      calls.push({ method: 'isAvailable', ctx, settled: true });
      // Like a well-behaved adapter, never available on a platform it does not declare.
      if (!capabilities.platforms.includes(ctx.platform)) return false;
      return typeof available === 'function' ? available(ctx) : available;
    },
    init(ctx, given) {
      calls.push({ method: 'init', ctx, options: given, settled: true });
      if (given?.outcome !== undefined) outcome = given.outcome;
    },
    pay(ctx) {
      const call: MockChannelCall = { method: 'pay', ctx, settled: false };
      calls.push(call);
      const payment = settle(ctx, typeof outcome === 'function' ? outcome(ctx) : outcome, delayMs);
      payment.then(
        (result) => Object.assign(call, { outcome: result, settled: true }),
        (error: unknown) => Object.assign(call, { error, settled: true }),
      );
      return payment;
    },
    dispose() {
      calls.push({ method: 'dispose', settled: true });
      disposed = true;
    },
  };
}
