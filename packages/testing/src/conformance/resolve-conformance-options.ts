import type { Platform } from '@coinslot/core';
import type {
  ChannelConformanceOptions,
  ConformanceDrive,
  ConformancePurchase,
  ConformanceTiming,
} from './conformance-options.js';

/** Every platform core knows. */
export const PLATFORMS: readonly Platform[] = ['web', 'electron-renderer', 'electron-main', 'node'];

/** The options with every default applied. */
export interface ResolvedConformanceOptions extends ChannelConformanceOptions {
  drive: ConformanceDrive;
  purchase: Required<ConformancePurchase>;
  timing: Required<ConformanceTiming>;
  skip: NonNullable<ChannelConformanceOptions['skip']>;
}

function positive(name: string, value: number | undefined, fallback: number): number {
  const resolved = value ?? fallback;
  if (!(Number.isFinite(resolved) && resolved > 0))
    throw new TypeError(`runChannelConformance: timing.${name} must be a positive number of ms, got ${String(value)}`);
  return resolved;
}

/** Apply the documented defaults; throws a `TypeError` naming the first wrong option, before any test runs. */
export function resolveConformanceOptions(options: ChannelConformanceOptions): ResolvedConformanceOptions {
  if (typeof options !== 'object' || options === null)
    throw new TypeError('runChannelConformance: options must be an object');
  if (typeof options.name !== 'string' || options.name === '')
    throw new TypeError('runChannelConformance: name must be a non-empty string');
  if (typeof options.channel !== 'function')
    throw new TypeError('runChannelConformance: channel must be a function that makes a fresh adapter');
  if (!PLATFORMS.includes(options.environment?.platform)) {
    throw new TypeError(`runChannelConformance: environment.platform must be one of ${PLATFORMS.join(', ')}`);
  }
  if (options.channelOptions !== undefined && typeof options.channelOptions !== 'function') {
    throw new TypeError('runChannelConformance: channelOptions must be a function of the scenario');
  }
  const timing = options.timing ?? {};
  return {
    ...options,
    drive: options.drive ?? {},
    purchase: { itemId: 'conformance-item', amount: 100, currency: 'USD', quantity: 1, ...options.purchase },
    timing: {
      purchaseMs: positive('purchaseMs', timing.purchaseMs, 10_000),
      abortSettleMs: positive('abortSettleMs', timing.abortSettleMs, 1_000),
      slowMs: positive('slowMs', timing.slowMs, 1_500),
      leakGraceMs: positive('leakGraceMs', timing.leakGraceMs, 100),
      testMs: positive('testMs', timing.testMs, 60_000),
    },
    skip: options.skip ?? {},
  };
}
