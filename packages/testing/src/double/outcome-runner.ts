import type { Bill } from '@coinslot/core';
import type { OutcomeScript, OutcomeSpec } from './scripted-outcome.js';

/** A result the double's channel reports for a bill. */
export type ChannelResult = 'paid' | 'declined' | 'cancelled';

/** Sends one notification as the channel's server; failures are the caller's to judge. */
export type Notify = (bill: Readonly<Bill>, result: ChannelResult, reason: string) => Promise<void>;

/** Named so the conformance suite's timer tracker can tell the double's own timers from an adapter's. */
function coinslotDoubleTimer(run: () => void, ms: number): ReturnType<typeof setTimeout> {
  return setTimeout(run, ms);
}

/**
 * Plays the channel's server for scripted bills. A bill's outcome is fixed the first time its checkout
 * "launches" — the client's first held wait, a proof, or the player's decision on the double's checkout —
 * and runs once: later waits never trigger it again.
 */
export class OutcomeRunner {
  readonly #specs = new Map<string, Required<OutcomeSpec>>();
  readonly #timers = new Map<ReturnType<typeof setTimeout>, () => void>();
  #closed = false;

  constructor(
    private readonly script: OutcomeScript,
    private readonly notify: Notify,
  ) {}

  /** The bill's scripted outcome, resolved once and remembered. */
  specFor(bill: Readonly<Bill>): Required<OutcomeSpec> {
    let spec = this.#specs.get(bill.id);
    if (spec === undefined) {
      spec = this.script.resolve(bill);
      this.#specs.set(bill.id, spec);
    }
    return spec;
  }

  /** The checkout launched: deliver the scripted result (now, or `afterMs` later). Runs once per bill. */
  async launch(bill: Readonly<Bill>): Promise<void> {
    if (this.#specs.has(bill.id) || bill.state !== 'created') return;
    const spec = this.specFor(bill);
    const result = spec.result;
    if (result === 'never') return;
    const deliver = async (): Promise<void> => {
      for (let i = 0; i < spec.deliveries && !this.#closed; i += 1) {
        await this.notify(bill, result, spec.reason).catch(() => undefined);
      }
    };
    if (spec.afterMs === 0) await deliver();
    else this.#later(spec.afterMs, () => void deliver());
  }

  /** The player decided on the double's checkout: approve runs the script, decline and cancel override it. */
  async decide(bill: Readonly<Bill>, decision: 'approve' | 'decline' | 'cancel'): Promise<void> {
    if (decision === 'approve') return this.launch(bill);
    this.#specs.set(bill.id, { result: 'never', afterMs: 0, deliveries: 1, reason: 'declined' });
    await this.notify(bill, decision === 'decline' ? 'declined' : 'cancelled', 'declined');
  }

  /**
   * A client proof arrived: wait the script's `afterMs`, then answer its result (`never` included, which the
   * driver refuses). A `deliveries` above 1 also replays the result as notifications after the report.
   */
  async proofResult(bill: Readonly<Bill>): Promise<Required<OutcomeSpec>> {
    const spec = this.specFor(bill);
    if (spec.result === 'never') return spec;
    if (spec.afterMs > 0) await new Promise<void>((resolve) => this.#later(spec.afterMs, resolve, resolve));
    for (let i = 1; i < spec.deliveries; i += 1) {
      this.#later(0, () => void this.notify(bill, spec.result as ChannelResult, spec.reason).catch(() => undefined));
    }
    return spec;
  }

  /** Drop scheduled notifications and let held proofs answer at once, so the server can drain. */
  close(): void {
    this.#closed = true;
    for (const [timer, onClose] of this.#timers) {
      clearTimeout(timer);
      onClose();
    }
    this.#timers.clear();
  }

  /** Run `run` after `ms`; on close, `onClose` runs instead (a held proof answers, a notification is dropped). */
  #later(ms: number, run: () => void, onClose: () => void = () => undefined): void {
    if (this.#closed) {
      onClose();
      return;
    }
    const timer = coinslotDoubleTimer(() => {
      this.#timers.delete(timer);
      run();
    }, ms);
    this.#timers.set(timer, onClose);
  }
}
