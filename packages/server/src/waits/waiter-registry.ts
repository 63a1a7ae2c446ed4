/** Why a held wait stopped waiting. */
export type WakeReason = 'changed' | 'timeout' | 'aborted' | 'closing';

/**
 * One held wait's place in the registry. It is registered BEFORE the wait reads the store, so a change
 * stored between that read and the hold is never missed: its wake is remembered and `hold` returns at once.
 */
export class WaitTicket {
  #reason: WakeReason | undefined;
  #finish: ((reason: WakeReason) => void) | undefined;

  constructor(private readonly onRelease: (ticket: WaitTicket) => void) {}

  /** Ends the hold (or marks the ticket so a later `hold` returns at once). */
  wake(reason: WakeReason): void {
    if (this.#reason !== undefined) return;
    this.#reason = reason;
    this.#finish?.(reason);
  }

  /** Holds until woken, `ms` pass, or `signal` aborts. One timer per hold, cleared on every exit. */
  hold(ms: number, signal?: AbortSignal): Promise<WakeReason> {
    if (this.#reason !== undefined) return Promise.resolve(this.#reason);
    if (signal?.aborted) return Promise.resolve('aborted');
    return new Promise((resolve) => {
      const onAbort = () => this.wake('aborted');
      const timer = setTimeout(() => this.wake('timeout'), ms);
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#finish = (reason) => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        this.#finish = undefined;
        resolve(reason);
      };
    });
  }

  /** Leaves the registry. Always call it (in `finally`). */
  release(): void {
    this.onRelease(this);
  }
}

/** The held waits of this process, by bill id. A store change wakes every wait on that bill. */
export class WaiterRegistry {
  readonly #byBill = new Map<string, Set<WaitTicket>>();
  #closing = false;
  #count = 0;

  /** How many waits are registered. */
  get size(): number {
    return this.#count;
  }

  /** Registers a wait on `billId`. After {@link close} the ticket is already woken with `closing`. */
  register(billId: string): WaitTicket {
    const ticket = new WaitTicket((done) => this.#remove(billId, done));
    if (this.#closing) {
      ticket.wake('closing');
      return ticket;
    }
    let tickets = this.#byBill.get(billId);
    if (!tickets) this.#byBill.set(billId, (tickets = new Set()));
    tickets.add(ticket);
    this.#count += 1;
    return ticket;
  }

  /** Wakes every wait on `billId`; answers how many. Call it after the change is stored. */
  wake(billId: string): number {
    const tickets = this.#byBill.get(billId);
    if (!tickets) return 0;
    for (const ticket of tickets) ticket.wake('changed');
    return tickets.size;
  }

  /** Wakes every wait with `closing`; later registrations wake at once. */
  close(): void {
    this.#closing = true;
    for (const tickets of this.#byBill.values()) for (const ticket of tickets) ticket.wake('closing');
  }

  #remove(billId: string, ticket: WaitTicket): void {
    const tickets = this.#byBill.get(billId);
    if (!tickets?.delete(ticket)) return;
    this.#count -= 1;
    if (tickets.size === 0) this.#byBill.delete(billId);
  }
}
