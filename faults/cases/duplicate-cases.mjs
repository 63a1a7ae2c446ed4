// @ts-check
import { readBills } from '../lib/server-reads.mjs';

/** The launched bills of game `g`. @param {import('./case-types.mjs').CaseContext} ctx @param {number} g */
const billsOfGame = (ctx, g) =>
  [...ctx.launches.values()].filter((l) => l.userId.includes(`-g${g}-`)).map((l) => l.billId);

/** @returns {import('./case-types.mjs').FaultCase} */
export function duplicateNotifications() {
  return {
    name: 'duplicate notifications (5 per bill, concurrent)',
    fault:
      "the channel sends every notification 5 times at once, and each game's notifications twice more after its purchases " +
      'ended (bills already delivered); every copy must be answered 2xx and change nothing after the first',
    onLaunch: (ctx, launch) => void ctx.pay(launch.billId, { delayMs: ctx.random() * 1000, copies: 5 }),
    async afterPurchases(ctx, _life, g) {
      await Promise.all(billsOfGame(ctx, g).map((billId) => ctx.pay(billId, { copies: 2 })));
    },
  };
}

/** @returns {import('./case-types.mjs').FaultCase} */
export function duplicateDelivers() {
  /** @type {Map<string, number>} */
  const firstDeliveredAt = new Map();
  let repeats = 0;
  return {
    name: 'duplicate delivers',
    fault:
      'the proxy sends every deliver to the server 3 times at once; after the purchases each game calls deliver() twice more ' +
      'per delivered bill (concurrently) and the harness POSTs deliver twice more; deliveredAt must never move',
    viaProxy: true,
    plan: () => (request) => (request.url.endsWith('/deliver') ? { copies: 3 } : {}),
    async afterPurchases(ctx, life, g) {
      const bills = await readBills(ctx.server.url, billsOfGame(ctx, g));
      const delivered = [...bills.values()].filter((bill) => bill.state === 'delivered');
      for (const bill of delivered) firstDeliveredAt.set(bill.id, bill.deliveredAt);
      const ids = delivered.map((bill) => bill.id);
      const post = (/** @type {string} */ id) =>
        fetch(`${ctx.server.url}/v1/bills/${id}/deliver`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: '{}',
        }).then((response) => response.json());
      const answers = await Promise.all([
        life.ask({ type: 'deliver', billIds: ids }),
        life.ask({ type: 'deliver', billIds: ids }),
        Promise.all(ids.flatMap((id) => [post(id), post(id)])),
      ]);
      const fromGame = [answers[0], answers[1]].flatMap((a) => (a === 'killed' ? ['killed'] : (a.value ?? [a.error])));
      const fromHarness = /** @type {any[]} */ (answers[2]).map((a) =>
        a.alreadyDelivered === true ? 'already' : JSON.stringify(a),
      );
      repeats += fromGame.length + fromHarness.length;
      const wrong = [...fromGame, ...fromHarness].filter((a) => a !== 'already');
      if (wrong.length > 0) ctx.problems.push(`repeated delivers answered ${[...new Set(wrong)].join(', ')}`);
    },
    async verify(ctx, bills) {
      const moved = [...firstDeliveredAt].filter(([id, at]) => bills.get(id)?.deliveredAt !== at);
      if (moved.length > 0) ctx.problems.push(`deliveredAt moved for ${moved.length} bills`);
      ctx.notes.push(
        `${repeats} repeated delivers on ${firstDeliveredAt.size} bills, all "alreadyDelivered"; deliveredAt unchanged`,
      );
    },
  };
}
