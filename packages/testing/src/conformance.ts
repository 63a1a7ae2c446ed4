/**
 * `@coinslot/testing/conformance`: the conformance suite every channel adapter runs against itself.
 * It registers vitest tests, so vitest is needed here (and only here).
 */

export { runChannelConformance } from './conformance/run-channel-conformance.js';
export { createConformanceHarness } from './conformance/conformance-harness.js';
export type { ConformanceHarness, CheckOutcome } from './conformance/conformance-harness.js';
export { CONFORMANCE_CHECKS } from './conformance/conformance-checks.js';
export { ConformanceFailure } from './conformance/conformance-failure.js';
export type { NotApplicableCheck } from './conformance/check-applicability.js';
export type {
  ChannelConformanceOptions,
  ConformanceCheckId,
  ConformanceDrive,
  ConformanceEnvironment,
  ConformancePurchase,
  ConformanceScenario,
  ConformanceServer,
  ConformanceTiming,
  DriveContext,
  MswInterceptor,
  StartedPayServer,
} from './conformance/conformance-options.js';
