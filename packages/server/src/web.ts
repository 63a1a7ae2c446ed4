// @coinslot/server/web — the pay server without anything Node-specific: runs wherever `Request`, `Response`
// and WebCrypto exist (Node, Deno, Bun, workers, a browser under msw). `@coinslot/server` adds the Node listener.

// The server
export { createPayServer } from './create-pay-server.js';
export type { PayServer } from './create-pay-server.js';
export type { PayServerOptions, PayServerLogger, CatalogPrice } from './options.js';
export type { AppOptions } from './apps/app-options.js';
export type { QueryOptions } from './bills/query-options.js';
export type { ActivityOptions } from './activity/activity-options.js';
export type { AuthOptions } from './auth/auth-options.js';
export type { PlayerTokenOptions } from './auth/player-tokens.js';

// Abuse limits
export type { LimitOptions, RateRule, RateRules } from './limits/limit-options.js';
export { MemoryRateLimitStore } from './limits/rate-limit-store.js';
export type { RateLimitStore } from './limits/rate-limit-store.js';
export { setRemoteAddress } from './limits/client-address.js';

// Result signing keys
export { generateSigningKey } from './signing/signing-key.js';
export type { SigningKey } from './signing/signing-key.js';

// Events to the game backend (webhooks, protocol §10)
export type { EventOptions } from './events/event-options.js';
export type { PayServerEvents, EventStats, AppEvents } from './events/pay-server-events.js';
export type { DispatchCounts } from './events/event-dispatcher.js';
export { generateWebhookKey, webhookPublicKey } from './events/webhook-key.js';
export type { WebhookPrivateKey, WebhookKeyPair } from './events/webhook-key.js';
export { generateWebhookSecret } from './events/webhook-secret.js';
export type { WebhookSigning } from './events/webhook-signer.js';

// Storage
export { MemoryBillStore } from './store/memory-bill-store.js';
export type {
  BillStore,
  BillRecord,
  IdempotencyScope,
  IdempotencyClaim,
  InsertBillAnswer,
  MatchedMove,
  TransitionFrom,
  TransitionOutcome,
  ListBillsQuery,
  BillsToQuery,
} from './store/bill-store.js';
export type { EventOutbox, NewEvent, StoredEvent, DispatchState, DispatchOutcome } from './store/event-outbox.js';
export type {
  ActivityLog,
  ActivityEntry,
  ActivityKind,
  ActivityRange,
  NotificationOutcome,
  ChannelNotificationCounts,
  WebhookEndpointCounts,
  InstanceStatus,
} from './activity/activity-log.js';
export { ALL_APPS } from './activity/activity-log.js';

// The wake-up bus between instances (PostgresWakeBus and RedisWakeBus are in the Node entry)
export { InProcessWakeBus } from './bus/in-process-wake-bus.js';
export type { WakeBus, WakeListener, WakeSubscription } from './bus/wake-bus.js';

// Channel drivers
export type {
  ChannelDriver,
  ChannelVerdict,
  ChannelRefusal,
  ChannelVerification,
  ChannelIgnored,
  ChannelPending,
  ChannelStatus,
  NotificationVerification,
  NotificationVerdict,
  ChannelTransition,
  ChannelReversal,
  ChannelRefund,
  ChannelChargeback,
  ReversalTransition,
  ResultSource,
  DriverContext,
  DriverRouteContext,
} from './drivers/channel-driver.js';
export type { SettlementCapable, SettlementDay, SettlementRecord } from './drivers/settlement.js';
export { settlementWindow } from './reconciliation/settlement-window.js';
export type { ChannelEntry, ChannelBuildContext } from './config/driver-registry.js';
export { ConfigError, configError } from './config/config-error.js';
export type { ConfigProblem } from './config/config-error.js';
export { createSandboxDriver } from './drivers/sandbox/sandbox-driver.js';
export type { SandboxDriverOptions } from './drivers/sandbox/sandbox-driver.js';
export type { SandboxDecision, SandboxProof } from './drivers/sandbox/sandbox-messages.js';

// Errors in the protocol's envelope (for drivers' routes)
export { ProtocolError } from './http/protocol-error.js';
export type { ProtocolErrorDetails } from './http/protocol-error.js';
// A body read whole with a cap (for drivers' downloads and routes)
export { readCappedBody } from './http/read-capped-body.js';
