// @coinslot/server — the reference pay server speaking Coinslot protocol v1 (docs/protocol.md).

// The server
export { createPayServer } from './create-pay-server.js';
export type { PayServer } from './create-pay-server.js';
export type { PayServerOptions, PayServerLogger, CatalogPrice } from './options.js';
export { startPayServer } from './start-pay-server.js';
export type { StartPayServerOptions, RunningPayServer } from './start-pay-server.js';

// Serving over Node's http
export { serveNode } from './node/serve-node.js';
export type { ServeNodeOptions, NodeListener } from './node/serve-node.js';

// Result signing keys
export { generateSigningKey } from './signing/signing-key.js';
export type { SigningKey } from './signing/signing-key.js';

// Storage
export { MemoryBillStore } from './store/memory-bill-store.js';
export type {
  BillStore,
  BillRecord,
  IdempotencyScope,
  IdempotencyClaim,
  TransitionOutcome,
  ListBillsQuery,
} from './store/bill-store.js';

// Channel drivers
export type {
  ChannelDriver,
  ChannelVerdict,
  ChannelRefusal,
  ChannelVerification,
  ChannelTransition,
  ResultSource,
  DriverContext,
  DriverRouteContext,
} from './drivers/channel-driver.js';
export { createSandboxDriver } from './drivers/sandbox/sandbox-driver.js';
export type { SandboxDriverOptions } from './drivers/sandbox/sandbox-driver.js';
export type { SandboxDecision, SandboxProof } from './drivers/sandbox/sandbox-messages.js';

// Errors in the protocol's envelope (for drivers' routes)
export { ProtocolError } from './http/protocol-error.js';
export type { ProtocolErrorDetails } from './http/protocol-error.js';
