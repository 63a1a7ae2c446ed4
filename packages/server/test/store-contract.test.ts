import { afterEach, describe } from 'vitest';
import { notifyRefusals } from './contract/notify-refusals.js';
import { serverConcurrency } from './contract/server-concurrency.js';
import { storeActivity } from './contract/store-activity.js';
import { storeApps } from './contract/store-apps.js';
import { storeBasics } from './contract/store-basics.js';
import { storeOutbox } from './contract/store-outbox.js';
import { storeQueryFallback } from './contract/store-query-fallback.js';
import { storeReconciliations } from './contract/store-reconciliations.js';
import { storeRefunds } from './contract/store-refunds.js';
import { serverRefunds } from './contract/server-refunds.js';
import { storeRetention } from './contract/store-retention.js';
import { closeAllServers } from './helpers.js';
import { STORE_KINDS, closeOpenedStores } from './store-kinds.js';

afterEach(async () => {
  await closeAllServers();
  await closeOpenedStores();
});

// One contract, every store the server ships: what passes on memory must pass on disk.
describe.each(STORE_KINDS)('$name', (kind) => {
  describe('the BillStore contract', () => storeBasics(kind));
  describe('the BillStore contract: open bills and retention', () => storeRetention(kind));
  describe('the BillStore contract: one app’s rows', () => storeApps(kind));
  describe('the BillStore contract: the events outbox', () => storeOutbox(kind));
  describe('the BillStore contract: bills for the query fallback', () => storeQueryFallback(kind));
  describe('the BillStore contract: refund totals in the compare-and-set', () => storeRefunds(kind));
  describe('the BillStore contract: reconciliation runs', () => storeReconciliations(kind));
  describe('the BillStore contract: the activity log', () => storeActivity(kind));
  describe('the pay server under concurrent requests', () => serverConcurrency(kind));
  describe('two pay servers over one store: partial refunds', () => serverRefunds(kind));
  describe('verification before any change', () => notifyRefusals(kind));
});
