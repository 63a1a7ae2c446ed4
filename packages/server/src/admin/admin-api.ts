import type { EventHooks } from '../bills/bill-service.js';
import type { BillStore } from '../store/bill-store.js';
import type { ReportSource } from '../reports/report-source.js';
import { AdminKeys } from './admin-keys.js';
import type { AdminUser, ConsoleLimits } from './console/console-options.js';

/** `PayServerOptions.admin`: the admin API (reports) and who may call it. */
export interface AdminOptions {
  /**
   * The admin keys (`cak_…`, each at least 32 characters after the prefix), separate from the game backend's server
   * keys and from player tokens. Without any, the server has no admin API (every `/v1/admin/…` path is `404`).
   */
  keys: string[];
  /**
   * The admin console's users (`/admin`, docs/admin-console.md), each with a password hash from
   * `coinslot-server admin hash-password`. Without any, the server serves no console (every `/admin` path is `404`).
   */
  users?: AdminUser[];
  /** The console's login limit and session timeouts. @default see {@link ConsoleLimits} */
  console?: Partial<ConsoleLimits>;
}

/** What the admin routes need: the keys to check and the store's reports. */
export interface AdminApi {
  keys: AdminKeys;
  /** The store's reports, or `undefined` for a store that has none (a custom {@link BillStore}). */
  reports: ReportSource | undefined;
  /** Where a reconciliation's mismatch event goes besides the store (each game's webhook, the dispatcher). */
  events: EventHooks;
}

/** The store's {@link ReportSource}, when it offers one (`store.reports`). */
export function reportSourceOf(store: BillStore): ReportSource | undefined {
  return store.reports;
}

/** The admin API for `options`, or `undefined` when no admin key is configured (secure by default: no admin API). */
export async function createAdminApi(
  options: AdminOptions | undefined,
  store: BillStore,
  events: EventHooks = { dispatches: () => false, recorded: () => {} },
): Promise<AdminApi | undefined> {
  if (options === undefined || options.keys.length === 0) return undefined;
  return { keys: await AdminKeys.create(options.keys), reports: reportSourceOf(store), events };
}
