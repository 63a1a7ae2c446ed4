import type { PayServerCheck } from './check-context.js';
import { actionChecks } from './checks/action-checks.js';
import { bodyLimitChecks } from './checks/body-limit-checks.js';
import { corsChecks } from './checks/cors-checks.js';
import { credentialChecks } from './checks/credential-checks.js';
import { crossGameChecks } from './checks/cross-game-checks.js';
import { crossPlayerChecks } from './checks/cross-player-checks.js';
import { durabilityChecks } from './checks/durability-checks.js';
import { endpointChecks } from './checks/endpoint-checks.js';
import { errorChecks } from './checks/error-checks.js';
import { expiryChecks } from './checks/expiry-checks.js';
import { heldWaitChecks } from './checks/held-wait-checks.js';
import { idempotencyChecks } from './checks/idempotency-checks.js';
import { notifyChecks } from './checks/notify-checks.js';
import { pricingChecks } from './checks/pricing-checks.js';
import { reversalChecks } from './checks/reversal-checks.js';
import { signedResultChecks } from './checks/signed-result-checks.js';
import { transitionChecks } from './checks/transition-checks.js';

/** Every check, in the order it runs; the durability checks come last because they restart the server. */
export const PAY_SERVER_CHECK_LIST: readonly PayServerCheck[] = [
  ...endpointChecks,
  ...actionChecks,
  ...credentialChecks,
  ...crossPlayerChecks,
  ...crossGameChecks,
  ...notifyChecks,
  ...transitionChecks,
  ...reversalChecks,
  ...expiryChecks,
  ...idempotencyChecks,
  ...pricingChecks,
  ...heldWaitChecks,
  ...signedResultChecks,
  ...errorChecks,
  ...corsChecks,
  ...bodyLimitChecks,
  ...durabilityChecks,
];

/** The suite's checks by id, title and section of docs/protocol.md, in the order they run. */
export const PAY_SERVER_CHECKS: ReadonlyArray<{
  readonly id: string;
  readonly title: string;
  readonly section: string;
}> = PAY_SERVER_CHECK_LIST.map(({ id, title, section }) => ({ id, title, section }));
