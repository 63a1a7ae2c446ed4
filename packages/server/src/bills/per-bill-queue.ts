/**
 * Runs tasks about the same bill one after another within this process, tasks about other bills in parallel. The
 * store's compare-and-set looks at the bill's state only, so two `refunded → refunded` writes never conflict there:
 * without this queue the smaller of two concurrent refund totals could be written last. Keyed per owner (one
 * server's bill service), so two servers in one process never wait on each other.
 */
export class PerBillQueue {
  readonly #tails = new Map<string, Promise<void>>();

  /** Runs `task` once every earlier task for `billId` has finished (whatever its outcome); answers its outcome. */
  run<T>(billId: string, task: () => Promise<T>): Promise<T> {
    const previous = this.#tails.get(billId) ?? Promise.resolve();
    const outcome = previous.then(task);
    const tail = outcome.then(
      () => undefined,
      () => undefined,
    );
    this.#tails.set(billId, tail);
    void tail.then(() => {
      if (this.#tails.get(billId) === tail) this.#tails.delete(billId);
    });
    return outcome;
  }
}
