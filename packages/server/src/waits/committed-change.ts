import type { Bill } from '@coinslot/protocol';

/**
 * A change to a bill that woke held waits, able to say what it stored — to a hold whose own last read of the bill was
 * exactly the bill the change replaced. A bill never shows the same content twice, so such a hold read before the
 * change was stored: the stored bill is what a read at the wake-up could have returned, and the hold answers it
 * without reading the store (routes/wait-result.ts). Any other hold reads, as after a plain wake-up.
 */
export interface CommittedChange {
  /** The bill as the change stored it when the bill it replaced is exactly `seen` (a hold's last read, as JSON). */
  after(seen: string): Bill | undefined | Promise<Bill | undefined>;
}

/** A change this process committed: `from` the bill its compare-and-set replaced, `to` the bill as stored. */
export class LocalChange implements CommittedChange {
  #fromJson: string | undefined;

  constructor(
    readonly from: Bill,
    readonly to: Bill,
  ) {}

  /** `from` as JSON, made once (every hold it woke compares it, and the bus's seal covers it). */
  get fromJson(): string {
    return (this.#fromJson ??= JSON.stringify(this.from));
  }

  after(seen: string): Bill | undefined {
    return this.fromJson === seen ? this.to : undefined;
  }
}
