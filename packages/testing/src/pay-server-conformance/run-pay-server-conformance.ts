import { describeThrown } from './check-failure.js';
import { createCheckContext, type PayServerCheck } from './check-context.js';
import type { PayServerCheckResult, PayServerConformanceReport } from './conformance-report.js';
import { PAY_SERVER_CHECK_LIST } from './pay-server-checks.js';
import {
  resolvePayServerOptions,
  type PayServerConformanceOptions,
  type ResolvedPayServerOptions,
} from './pay-server-options.js';

/** The checks `options.only` selects, in suite order. */
export function selectedChecks(options: ResolvedPayServerOptions): readonly PayServerCheck[] {
  return options.only
    ? PAY_SERVER_CHECK_LIST.filter((check) => options.only!.includes(check.id))
    : PAY_SERVER_CHECK_LIST;
}

/** Runs checks one at a time against one server; the durability checks share one restart. */
export interface PayServerCheckRunner {
  readonly options: ResolvedPayServerOptions;
  run(check: PayServerCheck): Promise<PayServerCheckResult>;
}

/** A runner for `options`. @throws TypeError for wrong options. */
export function createPayServerCheckRunner(options: PayServerConformanceOptions): PayServerCheckRunner {
  const resolved = resolvePayServerOptions(options);
  const unknown = resolved.only?.find((id) => !PAY_SERVER_CHECK_LIST.some((check) => check.id === id));
  if (unknown !== undefined) throw new TypeError(`only: there is no check ${unknown}`);
  const shared = new Map<string, Promise<unknown>>();
  const book = new Map<string, string>();
  return {
    options: resolved,
    async run(check) {
      const { id, title, section } = check;
      const started = performance.now();
      const done = (
        status: PayServerCheckResult['status'],
        extra: Partial<PayServerCheckResult> = {},
      ): PayServerCheckResult => ({
        id,
        title,
        section,
        status,
        durationMs: Math.round(performance.now() - started),
        ...extra,
      });
      const unavailable = check.unavailable?.(resolved);
      if (unavailable !== undefined) return done('skipped', { message: unavailable });
      const { ctx, notes } = createCheckContext(resolved, shared, book);
      let timer: ReturnType<typeof setTimeout> | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`the check took longer than ${resolved.timeoutMs} ms`)),
          resolved.timeoutMs,
        );
      });
      try {
        await Promise.race([check.run(ctx), timeout]);
        return done('passed', notes.length > 0 ? { notes } : {});
      } catch (error) {
        return done('failed', { message: describeThrown(error) });
      } finally {
        clearTimeout(timer);
      }
    },
  };
}

/**
 * Checks a running pay server against docs/protocol.md over real HTTP, playing the sandbox channel's server with
 * `sandboxSecret`, and returns one result per check. Never throws for a failing server: read `report.ok`.
 *
 * @example
 * ```ts
 * import { runPayServerConformance } from '@coinslot/testing/pay-server';
 * const report = await runPayServerConformance({ url: 'http://127.0.0.1:8787', sandboxSecret });
 * for (const check of report.checks) console.log(check.status, check.id, check.message ?? '');
 * ```
 * @throws TypeError at once for wrong options.
 */
export async function runPayServerConformance(
  options: PayServerConformanceOptions,
  onCheck?: (result: PayServerCheckResult) => void,
): Promise<PayServerConformanceReport> {
  const runner = createPayServerCheckRunner(options);
  const checks: PayServerCheckResult[] = [];
  for (const check of selectedChecks(runner.options)) {
    const result = await runner.run(check);
    checks.push(result);
    onCheck?.(result);
  }
  return { url: runner.options.url, ok: checks.every((check) => check.status !== 'failed'), checks };
}
