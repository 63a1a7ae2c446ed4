// @ts-check

/**
 * One row of the fault table.
 * @typedef {object} FaultRow
 * @property {string} name
 * @property {number} attempted purchase() calls the games made
 * @property {number} paid bills the server holds as paid or delivered
 * @property {number} refusedPayments bills the channel took payment for (approve notified) whose notification the
 *   pay server refused with a 4xx: the player paid, the server will never hold the bill as paid
 * @property {number} granted distinct bills the games' ledgers granted
 * @property {number} twice bills whose grant was applied more than once
 * @property {number} grantedUnpaid bills granted that the server does not hold as paid
 * @property {number} lost bills paid on the server and never granted, after recovery
 * @property {number} undelivered bills still `paid` on the server (granted, delivery not recorded) after recovery
 * @property {number} reoffered bills core offered to the grant hook more than once (absorbed by the ledger)
 * @property {number} seconds
 * @property {string[]} notes what the case did, for the reader
 * @property {string[]} problems anything else that went wrong; a row with problems fails
 */

/**
 * Count a case's outcome from the server's bills and the games' own storage.
 * @param {Map<string, Record<string, any>>} bills every bill of the case's players, as the server holds it now
 * @param {Array<Awaited<ReturnType<typeof import('./game-ledger.mjs').readGameLedger>>>} ledgers one per game
 * @returns {Pick<FaultRow, 'paid' | 'granted' | 'twice' | 'grantedUnpaid' | 'lost' | 'undelivered' | 'reoffered' | 'problems'>}
 */
export function countOutcome(bills, ledgers) {
  /** @type {Map<string, number>} */
  const applied = new Map();
  /** @type {Map<string, number>} */
  const offers = new Map();
  const problems = [];
  for (const ledger of ledgers) {
    for (const [billId, count] of ledger.applied) applied.set(billId, (applied.get(billId) ?? 0) + count);
    for (const [billId, count] of ledger.offers) offers.set(billId, (offers.get(billId) ?? 0) + count);
    const torn = [...ledger.applied.keys()].filter((id) => !ledger.recorded.has(id));
    torn.push(...[...ledger.recorded].filter((id) => !ledger.applied.has(id)));
    if (torn.length > 0) problems.push(`ledger and item disagree (a torn batch?) for ${torn.join(', ')}`);
  }
  const isPaid = (/** @type {string} */ id) => ['paid', 'delivered'].includes(bills.get(id)?.state);
  const paidIds = [...bills.keys()].filter(isPaid);
  return {
    paid: paidIds.length,
    granted: [...applied.values()].filter((count) => count >= 1).length,
    twice: [...applied.values()].filter((count) => count > 1).length,
    grantedUnpaid: [...applied.keys()].filter((id) => !isPaid(id)).length,
    lost: paidIds.filter((id) => (applied.get(id) ?? 0) === 0).length,
    undelivered: paidIds.filter((id) => bills.get(id)?.state === 'paid').length,
    reoffered: [...offers.values()].filter((count) => count > 1).length,
    problems,
  };
}

/** Whether a row shows nothing lost, nothing granted twice and nothing else wrong. @param {FaultRow} row */
export const rowIsClean = (row) =>
  row.twice === 0 &&
  row.grantedUnpaid === 0 &&
  row.lost === 0 &&
  row.undelivered === 0 &&
  row.refusedPayments === 0 &&
  row.problems.length === 0;
