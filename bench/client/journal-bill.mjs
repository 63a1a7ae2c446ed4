// @ts-check

/**
 * Writes into `storage` the journal record `purchase()` keeps for a bill before the channel launches (state
 * `created`, with the bill token from the create's answer): what a game that reloaded mid-purchase hands `resume()`.
 * The storage is the caller's (`createMemoryStorage()` of whichever core build it runs).
 * @template {{ set(key: string, value: unknown): Promise<void> }} S
 * @param {S} storage
 * @param {string} server the pay server's URL, as the journal records it
 * @param {{ bill: import('@coinslot/core').Bill, billToken: string }} created
 * @returns {Promise<S>}
 */
export async function journalBill(storage, server, { bill, billToken }) {
  const now = Date.now();
  await storage.set(`coinslot:bill:${bill.id}`, {
    v: 1,
    billId: bill.id,
    server,
    userId: bill.userId,
    channel: bill.channel,
    state: 'created',
    bill,
    billToken,
    createdAt: now,
    updatedAt: now,
  });
  return storage;
}
