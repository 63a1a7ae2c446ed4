import type { Bill } from '@coinslot/core';

/** What the channel's server finally says about a bill: the three results, or nothing at all. */
export type ScriptedResult = 'paid' | 'declined' | 'cancelled' | 'never';

/** A scripted outcome spelled out. The named outcomes are shorthands for these. */
export interface OutcomeSpec {
  /**
   * The result the channel's server reports: `paid`, `declined` (the bill becomes `failed`), `cancelled`,
   * or `never` (it says nothing: the purchase ends `pending` at its deadline, and a proof is refused).
   */
  result: ScriptedResult;
  /** How long after the checkout launched the result arrives, in ms. @default 0 */
  afterMs?: number;
  /** How many times the channel's server delivers it; 2 or more replays the notification. @default 1 */
  deliveries?: number;
  /** The bill's `failureReason` for `declined`. @default 'declined' */
  reason?: string;
}

/**
 * What the pay-server double's channel does with a bill once its checkout launched:
 * - `paid`, `declined`, `cancelled`: the channel's server reports that result at once;
 * - `slow`: `paid`, after the double's `slowMs`;
 * - `never`: nothing; the purchase ends `pending`;
 * - `duplicate`: `paid`, and the notification is delivered twice (the second is a harmless replay);
 * - an {@link OutcomeSpec} for anything else (`{ result: 'declined', afterMs: 300 }`).
 */
export type ScriptedOutcome = 'paid' | 'declined' | 'cancelled' | 'slow' | 'never' | 'duplicate' | OutcomeSpec;

/** Which bills an outcome applies to. Every field given must match; an empty match applies to every bill. */
export interface OutcomeMatch {
  /** One bill, by id (script it after the create, before its checkout launches). */
  billId?: string;
  /** Bills for this item. */
  itemId?: string;
  /** Bills of this player. */
  userId?: string;
  /** Bills on this channel. */
  channel?: string;
  /** Apply to the next matching bill only, then forget the rule. @default false */
  once?: boolean;
}

/** Turn a named outcome into its spec, validating numbers so a typo fails the test that made it. */
export function toOutcomeSpec(outcome: ScriptedOutcome, slowMs: number): Required<OutcomeSpec> {
  const spec: OutcomeSpec =
    outcome === 'slow'
      ? { result: 'paid', afterMs: slowMs }
      : outcome === 'duplicate'
        ? { result: 'paid', deliveries: 2 }
        : typeof outcome === 'string'
          ? { result: outcome }
          : outcome;
  if (!['paid', 'declined', 'cancelled', 'never'].includes(spec?.result)) {
    throw new TypeError(
      `Unknown scripted outcome ${JSON.stringify(outcome)}: use paid, declined, cancelled, slow, never, duplicate or { result, afterMs, deliveries }`,
    );
  }
  const afterMs = spec.afterMs ?? 0;
  const deliveries = spec.deliveries ?? 1;
  if (!(Number.isFinite(afterMs) && afterMs >= 0))
    throw new TypeError(`afterMs must be a number ≥ 0, got ${String(afterMs)}`);
  if (!(Number.isInteger(deliveries) && deliveries >= 1))
    throw new TypeError(`deliveries must be an integer ≥ 1, got ${String(deliveries)}`);
  return { result: spec.result, afterMs, deliveries, reason: spec.reason ?? 'declined' };
}

interface Rule {
  outcome: Required<OutcomeSpec>;
  match: OutcomeMatch;
}

/** The double's script: rules checked newest first, then the default outcome. */
export class OutcomeScript {
  #rules: Rule[] = [];

  constructor(
    private fallback: Required<OutcomeSpec>,
    private readonly slowMs: number,
  ) {}

  /** Add a rule; without a match it replaces the default outcome. */
  add(outcome: ScriptedOutcome, match?: OutcomeMatch): void {
    const spec = toOutcomeSpec(outcome, this.slowMs);
    if (match === undefined) this.fallback = spec;
    else this.#rules.unshift({ outcome: spec, match: { ...match } });
  }

  /** The outcome for a bill; a `once` rule that matches is used up. */
  resolve(bill: Readonly<Bill>): Required<OutcomeSpec> {
    const index = this.#rules.findIndex(({ match }) => matches(match, bill));
    if (index < 0) return this.fallback;
    const rule = this.#rules[index]!;
    if (rule.match.once) this.#rules.splice(index, 1);
    return rule.outcome;
  }

  /** Forget every rule and go back to `fallback`. */
  reset(fallback: Required<OutcomeSpec>): void {
    this.#rules = [];
    this.fallback = fallback;
  }
}

function matches(match: OutcomeMatch, bill: Readonly<Bill>): boolean {
  return (
    (match.billId === undefined || match.billId === bill.id) &&
    (match.itemId === undefined || match.itemId === bill.itemId) &&
    (match.userId === undefined || match.userId === bill.userId) &&
    (match.channel === undefined || match.channel === bill.channel)
  );
}
