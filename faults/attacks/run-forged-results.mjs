// @ts-check
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { startGame } from '../game/game-process.mjs';
import { loadCore } from '../lib/build-snapshot.mjs';
import { ChannelServer } from '../lib/channel-server.mjs';
import { readGameLedger } from '../lib/game-ledger.mjs';
import { getJson } from '../lib/server-reads.mjs';
import { resultBillId } from '../cases/network-cases.mjs';
import { prepareBills } from './bill-fixtures.mjs';
import { FORGED_RESULTS } from './forged-results.mjs';

/**
 * @typedef {object} ForgedRow
 * @property {string} name
 * @property {string} realState the bill's real state (the channel's decision)
 * @property {string} verifier what the SDK's verifier said to the forgery, called directly (`RESULT_REJECTED: <why>`)
 * @property {string} game how the game's purchase ended with the forgery on the wire (`error:RESULT_REJECTED`)
 * @property {string} serverState the bill's state on the server afterwards (unchanged: `paid` or `failed`)
 * @property {number} granted how often the game's ledger applied the bill's grant while under attack (0)
 * @property {string} billId the game's bill
 * @property {boolean} ok
 */

const nonce = () => randomBytes(16).toString('base64url');

/**
 * Every forged result, twice: straight into the SDK's `verifySignedResult` with the server's real keys, and on
 * the wire through the proxy to a real game process buying a real bill. Afterwards the attacker leaves and the game
 * recovers: the really paid bills must be granted once, the failed ones never.
 * @param {import('../lib/server-process.mjs').ServerProcess} server
 * @param {import('../lib/fault-proxy.mjs').FaultProxy} proxy in front of `server`
 * @param {string} dir a fresh folder for the game
 */
export async function runForgedResults(server, proxy, dir) {
  const { verifySignedResult } = await loadCore();
  const { keys } = await getJson(server.url, '/v1/keys');
  const real = async (/** @type {string} */ billId, /** @type {string} */ n) =>
    (await getJson(server.url, `/v1/bills/${billId}/result?wait=0&nonce=${n}`)).result;
  const fx = await prepareBills(server.url, 'forgery-player');
  const verify = (/** @type {string} */ token, /** @type {string} */ billId, /** @type {string} */ n) =>
    verifySignedResult(token, { billId, nonce: n }, keys).then(
      (/** @type {{ state: string }} */ p) => `ACCEPTED (${p.state})`,
      (/** @type {any} */ e) =>
        `${e.code ?? e}: ${String(e.message)
          .replace(/^.*rejected: /, '')
          .replace(/\.$/, '')}`,
    );
  const control = [await verify(await real(fx.paid, 'control-nonce-0001'), fx.paid, 'control-nonce-0001')];

  const channel = new ChannelServer(() => server.url);
  /** @type {Map<string, Promise<void>>} */
  const notified = new Map();
  /** @type {import('./forged-results.mjs').ForgedResult} */
  let attack = /** @type {import('./forged-results.mjs').ForgedResult} */ (FORGED_RESULTS[0]);
  /** @type {Map<string, string>} */
  const attacked = new Map();
  proxy.plan = (request) => {
    const billId = resultBillId(request.url);
    const sent = billId && /[?&]nonce=([^&]+)/.exec(request.url)?.[1];
    if (!billId || !sent || !attacked.has(billId)) return {};
    const current = attack;
    return {
      before: () => notified.get(billId) ?? Promise.resolve(),
      answer: async (status, body) => {
        if (status !== 200) return 'pass';
        const answer = JSON.parse(body);
        const input = {
          token: answer.result,
          nonce: sent,
          earlier: await real(billId, nonce()),
          otherBill: (/** @type {string} */ n) => real(fx.delivered, n),
          serverKey: keys[0],
        };
        return { replace: JSON.stringify({ ...answer, result: await current.forge(input) }) };
      },
    };
  };
  const onLaunch = (/** @type {import('../game/game-process.mjs').Launch} */ launch) => {
    attacked.set(launch.billId, attack.name);
    const decision = attack.realState === 'paid' ? 'approve' : 'decline';
    notified.set(
      launch.billId,
      channel.notify({ billId: launch.billId, decision, amount: launch.amount, currency: launch.currency }),
    );
  };
  const config = { server: proxy.url, dir: path.join(dir, 'game'), waitSeconds: 1, deadlineMs: 10_000 };
  const users = ['forgery-game-player'];
  const life = await startGame(config, onLaunch);

  /** @type {ForgedRow[]} */
  const rows = [];
  for (const forged of FORGED_RESULTS) {
    attack = forged;
    const billId = forged.realState === 'paid' ? fx.paid : fx.failed;
    const n = nonce();
    const token = await real(billId, n);
    const direct = await verify(
      await forged.forge({
        token,
        nonce: n,
        earlier: await real(billId, nonce()),
        otherBill: (m) => real(fx.delivered, m),
        serverKey: keys[0],
      }),
      billId,
      n,
    );
    control.push(await verify(token, billId, n));
    const bought = await life.ask({ type: 'buy', count: 1, users });
    const game = bought === 'killed' ? 'killed' : String(bought.value?.[0] ?? bought.error);
    const gameBill = [...attacked].find(([, name]) => name === forged.name)?.[0];
    const serverState = gameBill ? (await getJson(server.url, `/v1/bills/${gameBill}`)).bill.state : 'no bill';
    const ok =
      direct.startsWith('RESULT_REJECTED:') && game === 'error:RESULT_REJECTED' && serverState === forged.realState;
    rows.push({
      name: forged.name,
      realState: forged.realState,
      verifier: direct,
      game,
      serverState,
      ok,
      granted: 0,
      billId: gameBill ?? '',
    });
  }
  await life.exit();
  const underAttack = await readGameLedger(config.dir);
  for (const row of rows) {
    row.granted = underAttack.applied.get(row.billId) ?? 0;
    row.ok &&= row.granted === 0;
  }

  proxy.plan = () => ({});
  const next = await startGame(config, onLaunch);
  await next.ask({ type: 'recover', users, deadlineMs: 10_000 });
  await next.exit();
  const after = await readGameLedger(config.dir);
  const realPaid = [...attacked]
    .filter(([, name]) => FORGED_RESULTS.find((f) => f.name === name)?.realState === 'paid')
    .map(([id]) => id);
  const afterwards = {
    grantedUnderAttack: underAttack.applied.size,
    paid: realPaid.length,
    grantedAfter: realPaid.filter((id) => after.applied.get(id) === 1).length,
    wronglyGranted:
      [...after.applied.keys()].filter((id) => !realPaid.includes(id)).length +
      [...after.applied.values()].filter((c) => c > 1).length,
  };
  const controlOk = control.every((c) => c.startsWith('ACCEPTED'));
  return {
    rows,
    control: controlOk ? `${control.length} untampered answers accepted` : `control FAILED: ${control.join(', ')}`,
    controlOk,
    afterwards,
  };
}
