// The factory
export { createCoinslot } from './create-coinslot.js';
export type {
  Coinslot,
  CoinslotListener,
  PurchaseBillOptions,
  ResumeOptions,
  DeliverOptions,
  DeliverResult,
} from './coinslot.js';
export type { CoinslotOptions } from './coinslot-options.js';
export { SDK_VERSION } from './version.js';

// The adapter contract
export { SPEC_VERSION } from './contract/payment-interface.js';
export type {
  PaymentInterface,
  PayContext,
  PayOutcome,
  EnvironmentContext,
  ChannelCapabilities,
  Platform,
  Presentation,
  ChannelLogger,
} from './contract/payment-interface.js';
export type { CheckoutWindow } from './contract/checkout-window.js';
export { defineChannel } from './contract/define-channel.js';

// Channel resolution
export type { ChannelLoader, ChannelLoaders, ChannelModule } from './channels/channel-loader.js';
export type { SkipReason, SkippedChannel, ChannelResolution } from './channels/channel-resolution.js';
export { classifyLoadError } from './channels/classify-load-error.js';

// Purchases
export type { PurchaseRequest } from './purchase/purchase-request.js';
export type { PurchaseResult, PurchaseStatus } from './results/purchase-result.js';

// Nothing lost: the bill journal, its storages, granting and recovery (file storage: `@coinslot/core/node`)
export type { GrantHook, GrantOffer } from './deliver/grant-hook.js';
export type { RevokeHook, RevokeOffer } from './deliver/revoke-hook.js';
export { createGrantLedger } from './deliver/grant-ledger.js';
export type { GrantLedger, GrantTransaction } from './deliver/grant-ledger.js';
export type { RecoverOptions } from './recovery/recover-options.js';
export type { RecoveredBill, RecoveryReport } from './results/recovery-report.js';
export type { JournalRecord, JournalState, PendingReason } from './journal/journal-record.js';
export type { JournalStorage, StorageEntry, StorageWrite } from './storage/journal-storage.js';
export { createIndexedDbStorage } from './storage/indexed-db-storage.js';
export type { IndexedDbStorageOptions } from './storage/indexed-db-storage.js';
export { createLocalStorageStorage } from './storage/local-storage-storage.js';
export type { LocalStorageStorageOptions } from './storage/local-storage-storage.js';
export { createMemoryStorage } from './storage/memory-storage.js';

// Events
export type { CoinslotEventMap, CoinslotEventName } from './events/event-map.js';

// Errors
export { CoinslotError, CLIENT_ERROR_CODES } from './errors/coinslot-error.js';
export type { CoinslotErrorCode, CoinslotErrorOptions } from './errors/coinslot-error.js';
export { PayServerError } from './errors/pay-server-error.js';

// Protocol v1 wire types and rules, from @coinslot/protocol (re-exported so a game needs one import)
export { BILL_STATES, isSettledState, SERVER_ERROR_CODES } from '@coinslot/protocol';
export type {
  Bill,
  BillState,
  CreateBillBody,
  CreateBillResponse,
  ResultResponse,
  SignedResultPayload,
  SignedResultHeader,
  ResultPublicKey,
  ErrorEnvelope,
  LaunchPayload,
  ServerErrorCode,
} from '@coinslot/protocol';

// Result verification
export { verifySignedResult } from './verify/verify-signed-result.js';
export type { VerifyExpectation } from './verify/verify-signed-result.js';
export type { KeyResolver, KeySource } from '@coinslot/protocol';
