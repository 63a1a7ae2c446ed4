/**
 * `@coinslot/testing/pay-server`: checks any running pay server against docs/protocol.md over real HTTP.
 * Needs Node 20 (global fetch, node:crypto); no test runner unless you register it as tests.
 */

export { runPayServerConformance, createPayServerCheckRunner } from './run-pay-server-conformance.js';
export type { PayServerCheckRunner } from './run-pay-server-conformance.js';
export { describePayServerConformance } from './describe-pay-server-conformance.js';
export type { PayServerTestApi, PayServerSuiteOptions } from './describe-pay-server-conformance.js';
export { PAY_SERVER_CHECKS } from './pay-server-checks.js';
export { formatCheckLine } from './conformance-report.js';
export type { PayServerCheckResult, PayServerCheckStatus, PayServerConformanceReport } from './conformance-report.js';
export type { OtherGameCredentials, PayServerConformanceOptions, ResultAlgorithmName } from './pay-server-options.js';
export type { PayServerAuth, DevelopmentAuth, PlayerTokensAuth, ServerKeyAuth } from './pay-server-auth.js';
export type { PayServerCheck, CheckContext } from './check-context.js';
