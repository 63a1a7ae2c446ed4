import { offClientGone, onClientGone } from '../http/client-gone.js';
import type { CommittedChange } from './committed-change.js';

/** Why a held wait stopped waiting. */
export type WakeReason = 'changed' | 'timeout' | 'aborted' | 'closing';

function onTimeout(ticket: WaitTicket): void {
  ticket.wake('timeout');
}

/**
 * One held wait's place in the registry. It is registered BEFORE the wait reads the store, so a change
 * stored between that read and the hold is never missed: its wake is remembered and `hold` returns at once.
 *
 * Ten thousand of these may be held at once, so a ticket allocates no closure of its own: the timer gets a
 * shared function, and the ticket itself is the client-gone listener (`handleEvent`).
 */
export class WaitTicket {
  #reason: WakeReason | undefined;
  #change: CommittedChange | undefined;
  #resolve: ((reason: WakeReason) => void) | undefined;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #request: Request | undefined;

  constructor(
    private readonly registry: WaiterRegistry,
    /** The bill this wait is about. */
    readonly billId: string,
  ) {}

  /** The change that woke this ticket, when it came with one (committed here, or sealed by another instance). */
  get change(): CommittedChange | undefined {
    return this.#change;
  }

  /** Ends the hold (or marks the ticket so a later `hold` returns at once). */
  wake(reason: WakeReason, change?: CommittedChange): void {
    if (this.#reason !== undefined) return;
    this.#reason = reason;
    this.#change = change;
    const resolve = this.#resolve;
    if (!resolve) return;
    clearTimeout(this.#timer);
    if (this.#request) offClientGone(this.#request, this);
    this.#resolve = this.#timer = this.#request = undefined;
    resolve(reason);
  }

  /** The client-gone listener. */
  handleEvent(): void {
    this.wake('aborted');
  }

  /**
   * Holds until woken, `ms` pass, or the client of `request` goes away. One timer per hold, cleared on
   * every exit.
   */
  hold(ms: number, request?: Request): Promise<WakeReason> {
    if (this.#reason !== undefined) return Promise.resolve(this.#reason);
    const held = new Promise<WakeReason>((resolve) => {
      this.#resolve = resolve;
      this.#timer = setTimeout(onTimeout, ms, this);
    });
    if (request) {
      this.#request = request;
      onClientGone(request, this);
    }
    return held;
  }

  /** Leaves the registry. Always call it (in `finally`). */
  release(): void {
    this.registry.remove(this);
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

  /** Whether a wait on `billId` is registered. */
  holds(billId: string): boolean {
    return this.#byBill.has(billId);
  }

  /** Registers a wait on `billId`. After {@link close} the ticket is already woken with `closing`. */
  register(billId: string): WaitTicket {
    const ticket = new WaitTicket(this, billId);
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

  /**
   * Wakes every wait on `billId`; answers how many. Call it after the change is stored, with the change when it is
   * known (committed here, or sealed by another instance); a plain wake-up has none.
   */
  wake(billId: string, change?: CommittedChange): number {
    const tickets = this.#byBill.get(billId);
    if (!tickets) return 0;
    for (const ticket of tickets) ticket.wake('changed', change);
    return tickets.size;
  }

  /**
   * Wakes every wait with `changed`, so each re-reads its bill (a wait whose bill did not change holds again): what
   * the wake-up bus asks after its listener reconnected, when wake-ups may have been lost.
   */
  wakeAll(): number {
    for (const tickets of this.#byBill.values()) for (const ticket of tickets) ticket.wake('changed');
    return this.#count;
  }

  /** Wakes every wait with `closing`; later registrations wake at once. */
  close(): void {
    this.#closing = true;
    for (const tickets of this.#byBill.values()) for (const ticket of tickets) ticket.wake('closing');
  }

  /** Takes `ticket` out (what {@link WaitTicket.release} calls). */
  remove(ticket: WaitTicket): void {
    const tickets = this.#byBill.get(ticket.billId);
    if (!tickets?.delete(ticket)) return;
    this.#count -= 1;
    if (tickets.size === 0) this.#byBill.delete(ticket.billId);
  }
}
