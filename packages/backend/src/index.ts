// @coinslot/backend — the game backend's side of Coinslot: mint player tokens, serve their public keys, call the
// pay server with a server key, and verify its webhooks. Web standards only (WebCrypto, fetch, Request/Response):
// Node ≥ 20, workers, edge.

// Player tokens (docs/protocol.md §2, "Authentication")
export { createPlayerTokenIssuer } from './player-token-issuer.js';
export type { PlayerTokenIssuer, PlayerTokenIssuerOptions, JwkSet } from './player-token-issuer.js';
export { generatePlayerTokenKey } from './signing-keys.js';
export type { PlayerTokenAlgorithm, Jwk, PublicJwk } from './signing-keys.js';

// Serving the public keys for the pay server's `jwksUrl`
export { jwksHandler, jwksNodeHandler } from './jwks-handler.js';
export type { WebHandler, NodeRequestLike, NodeResponseLike } from './jwks-handler.js';

// Server keys and the server-to-server client
export { generateServerKey, isServerKey, SERVER_KEY_PREFIX } from './server-key.js';
export { createPayServerClient } from './pay-server-client.js';
export type {
  PayServerClient,
  PayServerClientOptions,
  CreateBillInput,
  CreateBillOptions,
  RequestOptions,
  DeliverBillResponse,
  ListEventsQuery,
} from './pay-server-client.js';

// Receiving the pay server's events: signed webhooks (docs/protocol.md §10)
export { createEventReceiver } from './event-receiver.js';
export type {
  EventReceiver,
  EventReceiverOptions,
  RawWebhook,
  ReceivedBillEvent,
  ReceivedEvent,
  ReceivedReconciliationEvent,
} from './event-receiver.js';

// Errors
export { BackendError, BACKEND_ERROR_CODES } from './backend-error.js';
export type { BackendErrorCode, BackendErrorOptions } from './backend-error.js';
