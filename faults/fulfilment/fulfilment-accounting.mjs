// @ts-check
import { REVERSAL_TYPES } from './backend-ledger.mjs';

/** The states of a bill that was paid at some point. */
const WAS_PAID = ['paid', 'delivered', 'refunded', 'charged_back'];

/**
 * One row of the fulfilment table.
 * @typedef {object} FulfilmentRow
 * @property {string} name
 * @property {number} bills bills the row created
 * @property {number} paid bills the pay server holds as paid, delivered, refunded or charged back
 * @property {number} granted bills the game backend granted
 * @property {number} lost bills paid and never granted
 * @property {number} twice bills granted more than once
 * @property {number} reversalsExpected refund and chargeback events the pay server recorded (`GET /v1/events`)
 * @property {number} reversalsDelivered of those, the ones the game backend applied
 * @property {number} duplicates webhooks of an event the game backend had processed already (absorbed by its dedup)
 * @property {number} received webhooks that verified at the game backend
 * @property {number} undelivered bills still `paid` on the pay server at the end (granted, never marked delivered)
 * @property {number} seconds
 * @property {string[]} notes what the row did, for the reader
 * @property {string[]} problems anything else wrong; fails the row
 */

/**
 * Every event the pay server lists (`GET /v1/events`, page after page, with the game backend's client).
 * @param {import('@coinslot/backend').PayServerClient} client
 */
export async function listAllEvents(client) {
  const events = [];
  for (let after = '0'; ; ) {
    const page = await client.listEvents({ after, limit: 1000 });
    events.push(...page.events);
    after = page.next;
    if (!page.more) return events;
  }
}

/** How often each string occurs, as `3 × bill.paid, 1 × bill.refunded`. @param {string[]} items */
export const tally = (items) =>
  [...items.reduce((m, i) => m.set(i, (m.get(i) ?? 0) + 1), new Map()).entries()]
    .map(([item, n]) => `${n} × ${item}`)
    .join(', ');

/**
 * Counts a row from the pay server's truth — its bills (`GET /v1/bills/:id`) and its event log (`GET /v1/events`) —
 * against what the game backend did (its ledger).
 * @param {{ client: import('@coinslot/backend').PayServerClient, billIds: string[], backend: import('./game-backend.mjs').GameBackend, dead: number }} p
 * @returns {Promise<Omit<FulfilmentRow, 'name' | 'seconds' | 'notes'>>}
 */
export async function countFulfilment({ client, billIds, backend, dead }) {
  const { ledger } = backend;
  const events = await listAllEvents(client);
  /** @type {Map<string, Record<string, any>>} */
  const bills = new Map();
  const queue = [...billIds];
  const worker = async () => {
    for (let id = queue.pop(); id !== undefined; id = queue.pop()) bills.set(id, await client.getBill(id));
  };
  await Promise.all(Array.from({ length: 8 }, worker));

  const problems = [];
  const paidIds = billIds.filter((id) => WAS_PAID.includes(bills.get(id)?.state));
  const grants = (/** @type {string} */ id) => ledger.grants.get(id) ?? 0;
  const reversals = events.filter((event) => REVERSAL_TYPES.includes(event.type));
  const missed = events.filter((event) => !ledger.processed.has(event.id));
  if (missed.length > 0)
    problems.push(`${missed.length} events never reached the game backend (${tally(missed.map((e) => e.type))})`);
  const paidEvents = events
    .filter((event) => event.type === 'bill.paid')
    .map((event) => /** @type {{ bill: { id: string } }} */ (event.data).bill.id);
  if (new Set(paidEvents).size !== paidEvents.length) problems.push('a bill has two bill.paid events');
  const grantedUnpaid = [...ledger.grants.keys()].filter((id) => !paidIds.includes(id));
  if (grantedUnpaid.length > 0) problems.push(`${grantedUnpaid.length} bills granted that were never paid`);
  const wrongTakeBack = paidIds.filter((id) => {
    const bill = /** @type {Record<string, any>} */ (bills.get(id));
    const taken = ledger.takenBack.get(id) ?? { refundedAmount: 0, chargedBack: false };
    return taken.refundedAmount !== (bill.refundedAmount ?? 0) || taken.chargedBack !== (bill.state === 'charged_back');
  });
  if (wrongTakeBack.length > 0)
    problems.push(
      `${wrongTakeBack.length} bills whose reversal the game backend holds differently from the pay server`,
    );
  if (ledger.reversedUngranted > 0)
    problems.push(`${ledger.reversedUngranted} reversals reached the game backend before the bill's grant`);
  if (backend.refused > 0) problems.push(`${backend.refused} webhooks failed verification`);
  if (dead > 0) problems.push(`${dead} events dead (every attempt of the schedule failed)`);
  return {
    bills: billIds.length,
    paid: paidIds.length,
    granted: paidIds.filter((id) => grants(id) > 0).length,
    lost: paidIds.filter((id) => grants(id) === 0).length,
    twice: [...ledger.grants.values()].filter((count) => count > 1).length,
    reversalsExpected: reversals.length,
    reversalsDelivered: reversals.filter((event) => ledger.reversals.has(event.id)).length,
    duplicates: ledger.duplicates,
    received: backend.received,
    undelivered: billIds.filter((id) => bills.get(id)?.state === 'paid').length,
    problems,
  };
}

/** Whether a row shows nothing lost, nothing granted twice, every reversal delivered and nothing else wrong. @param {FulfilmentRow} row */
export const fulfilmentRowIsClean = (row) =>
  row.lost === 0 &&
  row.twice === 0 &&
  row.reversalsDelivered === row.reversalsExpected &&
  row.undelivered === 0 &&
  row.problems.length === 0;
