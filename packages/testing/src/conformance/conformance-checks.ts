import type { ConformanceCheck } from './check-context.js';
import type { ConformanceCheckId } from './conformance-options.js';
import { abortCheck } from './checks/abort-check.js';
import { capabilityChecks } from './checks/capability-checks.js';
import { cleanupChecks } from './checks/cleanup-checks.js';
import { contractChecks } from './checks/contract-checks.js';
import { purchaseChecks } from './checks/purchase-checks.js';

/**
 * Every check of the conformance suite, in the order it runs: the contract, real purchases, abort,
 * capabilities, cleanup, and last the unhandled rejections seen along the way.
 */
export const CHECKS: readonly ConformanceCheck[] = [
  ...contractChecks,
  ...purchaseChecks,
  abortCheck,
  ...capabilityChecks,
  ...cleanupChecks,
];

/** The suite's checks by id and title, in the order they run (the titles are the test names). */
export const CONFORMANCE_CHECKS: ReadonlyArray<{ readonly id: ConformanceCheckId; readonly title: string }> =
  CHECKS.map(({ id, title }) => ({ id, title }));
