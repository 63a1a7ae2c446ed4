import { formatCheckLine } from './conformance-report.js';
import type { PayServerConformanceOptions } from './pay-server-options.js';
import { createPayServerCheckRunner, selectedChecks, type PayServerCheckRunner } from './run-pay-server-conformance.js';

/**
 * The parts of a test runner the suite registers with: vitest's (`import * as vitest from 'vitest'`) or any
 * runner with the same `describe` / `it`. Passed in so `@coinslot/testing/pay-server` loads without vitest (the
 * `coinslot-conformance` command runs the same checks).
 */
export interface PayServerTestApi {
  describe(name: string, body: () => void): unknown;
  it(name: string, body: () => Promise<void>, timeoutMs?: number): unknown;
}

/** {@link PayServerConformanceOptions} whose `url` may be read late, e.g. from a server a `beforeAll` starts. */
export type PayServerSuiteOptions = Omit<PayServerConformanceOptions, 'url'> & { url: string | (() => string) };

/**
 * Registers the pay-server suite as tests: one `describe`, one test per check, failing with the check's message.
 * A check these options do not allow (no `restart`, no short `billTtlMs`) is not registered; one line names
 * those checks and why.
 *
 * @example
 * ```ts
 * import * as vitest from 'vitest';
 * import { describePayServerConformance } from '@coinslot/testing/pay-server';
 * describePayServerConformance({ url: 'http://127.0.0.1:8787', sandboxSecret }, vitest);
 * ```
 * @throws TypeError at once for wrong options (other than a late `url`).
 */
export function describePayServerConformance(
  options: PayServerSuiteOptions,
  test: PayServerTestApi,
  name = 'pay-server conformance',
): void {
  const urlNow = () => (typeof options.url === 'function' ? options.url() : options.url);
  const probe = createPayServerCheckRunner({
    ...options,
    url: typeof options.url === 'string' ? options.url : 'http://127.0.0.1',
  });
  let runner: PayServerCheckRunner | undefined;
  test.describe(name, () => {
    const skipped: string[] = [];
    for (const check of selectedChecks(probe.options)) {
      const unavailable = check.unavailable?.(probe.options);
      if (unavailable !== undefined) {
        skipped.push(`${check.id} (${unavailable})`);
        continue;
      }
      test.it(
        `${check.id}: ${check.title}`,
        async () => {
          runner ??= createPayServerCheckRunner({ ...options, url: urlNow() });
          const result = await runner.run(check);
          if (result.status !== 'passed') throw new Error(formatCheckLine(result));
        },
        probe.options.timeoutMs + 5_000,
      );
    }
    if (skipped.length > 0) console.info(`${name}: not registered for these options: ${skipped.join(', ')}`);
  });
}
