// @ts-check
import { countFulfilment, fulfilmentRowIsClean, tally } from '../fulfilment/fulfilment-accounting.mjs';

/**
 * One row of the table: the fulfilment table's counts (from the pay server's record and the game backend's ledger)
 * and the provider's truth beside them.
 * @typedef {import('../fulfilment/fulfilment-accounting.mjs').FulfilmentRow & {
 *   channel: string,
 *   paidAtChannel: number,
 *   grantedUnpaid: number,
 *   attacks: number,
 *   attacksRefused: number,
 * }} ChannelRow
 */

/** The states of a bill that was paid at some point (as countFulfilment counts them). */
const WAS_PAID = ['paid', 'delivered', 'refunded', 'charged_back'];

/**
 * The bills the pay server holds as paid at some point, 8 reads at a time.
 * @param {import('@coinslot/backend').PayServerClient} client
 * @param {string[]} billIds
 */
async function billsPaidOnServer(client, billIds) {
  const paid = new Set();
  const queue = [...billIds];
  const worker = async () => {
    for (let id = queue.pop(); id !== undefined; id = queue.pop())
      if (WAS_PAID.includes((await client.getBill(id)).state)) paid.add(id);
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  return paid;
}

/**
 * Counts a row. `countFulfilment` counts against the pay server: a grant lost is a bill the server holds as paid
 * that the game never granted. Against a real provider that misses the worst case — money the provider took that
 * never reached the pay server — so here the provider's record counts too:
 * - *grants lost* = bills paid at the provider **or** on the pay server that the game never granted;
 * - *granted unpaid* = bills the game granted that the provider holds no payment for (a forgery that got through);
 * - each bill's reversal at the provider (refunded total, chargeback) must be what the game took back.
 * @param {{
 *   client: import('@coinslot/backend').PayServerClient,
 *   created: import('./channel-case.mjs').CreatedBill[],
 *   backend: import('../fulfilment/game-backend.mjs').GameBackend,
 *   dead: number,
 *   truth: (bill: import('./channel-case.mjs').CreatedBill) => import('./channel-case.mjs').ChannelTruth,
 *   attacks: { sent: number, accepted: string[] },
 * }} p
 * @returns {Promise<Omit<ChannelRow, 'name' | 'channel' | 'seconds' | 'notes'>>}
 */
export async function countChannelRow({ client, created, backend, dead, truth, attacks }) {
  const billIds = created.map((c) => c.bill.id);
  const counted = await countFulfilment({ client, billIds, backend, dead });
  const { ledger } = backend;
  const grants = (/** @type {string} */ id) => ledger.grants.get(id) ?? 0;
  const truths = new Map(created.map((c) => [c.bill.id, truth(c)]));
  const paidAtChannel = billIds.filter((id) => truths.get(id)?.paid);
  const paidNeverGranted = paidAtChannel.filter((id) => grants(id) === 0);
  const grantedUnpaid = [...ledger.grants.keys()].filter((id) => truths.has(id) && !truths.get(id)?.paid);
  const reversalDiffers = paidAtChannel.filter((id) => {
    const atChannel = /** @type {import('./channel-case.mjs').ChannelTruth} */ (truths.get(id));
    const taken = ledger.takenBack.get(id) ?? { refundedAmount: 0, chargedBack: false };
    return taken.refundedAmount !== atChannel.refundedAmount || taken.chargedBack !== atChannel.chargedBack;
  });
  const paidOnServer = await billsPaidOnServer(client, billIds);
  const lost = billIds.filter((id) => grants(id) === 0 && (paidOnServer.has(id) || truths.get(id)?.paid));
  const problems = [...counted.problems];
  if (paidNeverGranted.length > 0)
    problems.push(`${paidNeverGranted.length} bills paid at the provider were never granted`);
  if (grantedUnpaid.length > 0)
    problems.push(`${grantedUnpaid.length} bills granted that the provider holds no payment for`);
  if (reversalDiffers.length > 0)
    problems.push(`${reversalDiffers.length} bills whose reversal at the provider the game backend does not hold`);
  if (attacks.accepted.length > 0)
    problems.push(`${attacks.accepted.length} forged or replayed requests accepted (${tally(attacks.accepted)})`);
  return {
    ...counted,
    lost: lost.length,
    paidAtChannel: paidAtChannel.length,
    grantedUnpaid: grantedUnpaid.length,
    attacks: attacks.sent,
    attacksRefused: attacks.sent - attacks.accepted.length,
    problems,
  };
}

/** Whether a row shows nothing lost, nothing granted twice or unpaid, every reversal delivered, nothing else wrong. @param {ChannelRow} row */
export const channelRowIsClean = (row) => fulfilmentRowIsClean(row) && row.grantedUnpaid === 0;
