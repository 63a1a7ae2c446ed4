/**
 * `@coinslot/testing`: test Coinslot games and channels without a real pay server or payment channel.
 * The conformance suite for channel authors lives in `@coinslot/testing/conformance` (it needs vitest).
 */

// The pay-server double (msw)
export { createPayServerDouble } from './double/create-pay-server-double.js';
export type { PayServerDouble, PayServerDoubleOptions, DoublePrice } from './double/pay-server-double.js';
export type { ScriptedOutcome, ScriptedResult, OutcomeSpec, OutcomeMatch } from './double/scripted-outcome.js';
export type { RecordedCall } from './double/recorded-call.js';

// The mock channel
export { createMockChannel } from './mock-channel/create-mock-channel.js';
export type {
  MockChannel,
  MockChannelOptions,
  MockChannelInitOptions,
  MockChannelCall,
  MockPayOutcome,
} from './mock-channel/mock-channel-types.js';

// A channel's reconciliation through a pay server's admin API (drivers' settlement tests)
export { reconciliationAdmin, itemKinds } from './reconciliation/reconciliation-admin.js';
export type { ReconciliationAdmin, ReconciliationAnswer } from './reconciliation/reconciliation-admin.js';
export { settlementNoon } from './reconciliation/settlement-noon.js';
