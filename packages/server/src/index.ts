// @coinslot/server — the reference pay server speaking Coinslot protocol v1 (docs/protocol.md).
// Everything from `@coinslot/server/web` (runtime-neutral), plus the Node listener.

export * from './web.js';
// The Node entry's createPayServer also brings the admin console (node:crypto, files); it shadows the web one.
export { createPayServer } from './node/create-node-pay-server.js';

// The durable store (loads the optional dependency better-sqlite3 when opened, never on import)
export { SqliteBillStore } from './store/sqlite/sqlite-bill-store.js';
export type { SqliteBillStoreOptions } from './store/sqlite/sqlite-bill-store.js';

// The store for several instances over one PostgreSQL (loads the optional dependency pg when opened, never on import)
export { PostgresBillStore } from './store/postgres/postgres-bill-store.js';
export type { PostgresBillStoreOptions } from './store/postgres/postgres-bill-store.js';

// The wake-up buses between instances (load the optional dependencies pg and ioredis when opened, never on import)
export { PostgresWakeBus } from './bus/postgres/postgres-wake-bus.js';
export type { PostgresWakeBusOptions } from './bus/postgres/postgres-wake-bus.js';
export { RedisWakeBus } from './bus/redis/redis-wake-bus.js';
export type { RedisWakeBusOptions } from './bus/redis/redis-wake-bus.js';

// The signing key kept in a file (what the CLI's --key-file does): created 0600 on first use, reused after
export { readOrCreateKey } from './store/secret-files.js';

// Serving over Node's http
export { serveNode } from './node/serve-node.js';
// The per-server `signer` option's two choices (PayServerOptions.signer)
export { nodeEs256Sign } from './signing/node-es256-sign.js';
export { webCryptoEs256Sign } from './signing/es256-sign.js';
export type { Es256Sign } from './signing/es256-sign.js';
export type { ServeNodeOptions, NodeListener } from './node/serve-node.js';
export { startPayServer } from './start-pay-server.js';
export type { StartPayServerOptions, RunningPayServer } from './start-pay-server.js';

// The admin API: reports over the store (docs/reports.md), behind its own admin keys.
export { ADMIN_KEY_PREFIX, generateAdminKey } from './admin/admin-keys.js';
export type { AdminOptions } from './admin/admin-api.js';
export { hashPassword } from './admin/password-hash.js';
export type { AdminUser, ConsoleLimits } from './admin/console/console-options.js';
export type {
  ReportSource,
  ReportWindow,
  MoneyRow,
  FunnelRow,
  PayerRow,
  ReversalRow,
  UndeliveredPage,
} from './reports/report-source.js';
export type { ReportTable, ReportCell } from './reports/report-table.js';
