// @ts-check
import path from 'node:path';
import { ChannelServer } from '../lib/channel-server.mjs';
import { seededRandom } from '../lib/random.mjs';

const BILLS_PER_USER = 20;

/**
 * The context a case's hooks get (see {@link import('./case-types.mjs').CaseContext}): the channel decides 9 in 10
 * bills `approve` and 1 in 10 `decline`, fixed per bill, from the case's seeded random numbers.
 * @param {import('./case-types.mjs').FaultCase} fault
 * @param {import('../lib/server-process.mjs').ServerProcess} server
 * @param {import('../lib/fault-proxy.mjs').FaultProxy | undefined} proxy
 * @param {number} purchases
 * @returns {import('./case-types.mjs').CaseContext}
 */
export function createCaseContext(fault, server, proxy, purchases) {
  const random = seededRandom(fault.name);
  /** @type {Map<string, 'approve' | 'decline'>} */
  const decisions = new Map();
  const channel = new ChannelServer(() => server.url);
  return {
    server,
    proxy,
    channel,
    random,
    attempted: purchases,
    launches: new Map(),
    notes: [],
    problems: [],
    pay(billId, options) {
      const decision = decisions.get(billId) ?? (random() < 0.1 ? 'decline' : 'approve');
      decisions.set(billId, decision);
      return channel.notify({ billId, decision, amount: 99, currency: 'USD' }, options);
    },
  };
}

/**
 * The games of a case: purchases spread evenly, each game with its own folder and players (at most 20 bills per
 * player, so the server's listings of at most 100 never hide one).
 * @param {import('./case-types.mjs').FaultCase} fault
 * @param {{ purchases: number, games: number, dir: string, serverUrl: string }} options
 * @returns {import('../lib/game-lives.mjs').GamePlan[]}
 */
export function gamePlans(fault, { purchases, games, dir, serverUrl }) {
  const slug = fault.name.replace(/\W+/g, '-');
  return Array.from({ length: games }, (_, g) => {
    const count = Math.floor(purchases / games) + (g < purchases % games ? 1 : 0);
    const users = Array.from(
      { length: Math.max(1, Math.ceil(count / BILLS_PER_USER)) },
      (_, u) => `${slug}-g${g}-u${u}`,
    );
    return {
      config: {
        server: serverUrl,
        dir: path.join(dir, `game-${g}`),
        waitSeconds: fault.waitSeconds ?? 2,
        deadlineMs: 30_000,
        ...(fault.crash ? { crash: fault.crash } : {}),
        ...(fault.clockSkewMs ? { clockSkewMs: fault.clockSkewMs } : {}),
      },
      users,
      recoverUsers: fault.journalOnly ? [] : users,
      purchases: count,
      recoverDeadlineMs: 20_000,
      maxLives: count + 5,
    };
  });
}
