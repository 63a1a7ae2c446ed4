import type { PaymentInterface } from '@coinslot/core';
import { CHECKS } from './conformance-checks.js';
import type { ConformanceCheckId } from './conformance-options.js';
import type { ResolvedConformanceOptions } from './resolve-conformance-options.js';

/** A check that does not apply to this adapter in this environment, so it is not run (and not registered as a test). */
export interface NotApplicableCheck {
  /** The check. */
  readonly id: ConformanceCheckId;
  /** Why it does not apply, e.g. `the adapter declares every platform`. */
  readonly reason: string;
}

/** The checks that do not apply to `adapter` (one the options' `channel()` made), in the suite's order. */
export function notApplicableChecks(adapter: unknown, options: ResolvedConformanceOptions): NotApplicableCheck[] {
  const list: NotApplicableCheck[] = [];
  for (const check of CHECKS) {
    const reason = check.notApplicable?.(adapter as Partial<PaymentInterface<unknown>> | undefined, options);
    if (reason !== undefined) list.push({ id: check.id, reason });
  }
  return list;
}

/**
 * Make one adapter, learn which checks do not apply to it, and dispose of it. A `channel()` that throws answers
 * none: every check is then registered, and the suite's start reports the error.
 */
export async function probeNotApplicable(options: ResolvedConformanceOptions): Promise<NotApplicableCheck[]> {
  try {
    const adapter = (await options.channel()) as Partial<PaymentInterface<unknown>> | undefined;
    await Promise.resolve()
      .then(() => adapter?.dispose?.())
      .catch(() => undefined);
    return notApplicableChecks(adapter, options);
  } catch {
    return [];
  }
}

/** The one line the suite logs about the checks it does not run, e.g. `… 1 check does not apply: abort (why)`. */
export function describeNotApplicable(name: string, list: readonly NotApplicableCheck[]): string {
  const checks = list.map(({ id, reason }) => `${id} (${reason})`).join('; ');
  return `channel conformance: ${name}: ${list.length} ${list.length === 1 ? 'check does' : 'checks do'} not apply, so not run: ${checks}`;
}
