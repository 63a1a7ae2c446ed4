// @ts-check
import { randomBytes } from 'node:crypto';
import { bearer } from './abuse-server.mjs';
import { count, createFor } from './abuse-row.mjs';
import { decide } from './bill-fixtures.mjs';
import { flood, floodRequest, tally } from './flood-requests.mjs';
import { differences, dumpStore, snapshot } from './state-snapshot.mjs';

/** The server's default limits these rows hold it to (docs/server-config.md, Limits). */
const HELD_PER_BILL = 64;
const WAIT_PER_IDENTITY = { burst: 60, perMinute: 120 };
const CREATE_PER_IDENTITY = { burst: 10, perMinute: 10 };
const CREATE_PER_IP = { burst: 120, perMinute: 120 };

/**
 * The sizes of the floods (`npm run faults`: the full size; the CI size is smaller).
 * @typedef {{ waits: number, signs: number, creates: number, players: number }} FloodSizes
 */
export const FULL_FLOODS = { waits: 2000, signs: 1000, creates: 500, players: 300 };
export const CI_FLOODS = { waits: 200, signs: 200, creates: 100, players: 150 };

const nonce = () => randomBytes(16).toString('base64url');
const sleep = (/** @type {number} */ ms) => new Promise((resolve) => setTimeout(resolve, ms));
/** What a bucket may let through in `ms`: its burst and what it refills meanwhile. @param {{ burst: number, perMinute: number }} rule @param {number} ms */
const allowance = (rule, ms) => rule.burst + Math.ceil((rule.perMinute * ms) / 60_000);
/** Every refusal of a flood is `429 RATE_LIMITED` with a `Retry-After`. @param {import('./flood-requests.mjs').FloodAnswer[]} refused */
const allRateLimited = (refused) =>
  refused.every((a) => a.status === 429 && a.code === 'RATE_LIMITED' && Number(a.retryAfter) >= 1);
/** @param {string} dataDir */
const billRows = (dataDir) => dumpStore(dataDir).bills?.length ?? 0;

/**
 * `n` held waits (`wait=25`) on one bill, all at once, half with its player's token and half with its bill token,
 * from 20 addresses (127.0.0.2–21): at most 64 may be held (the per-bill cap), every other one answered `429` at
 * once; the flood itself changes nothing; another player still creates a bill meanwhile; once the bill is paid the
 * held waits answer `paid`.
 * @param {import('./abuse-server.mjs').AbuseServer} server
 * @param {number} n
 * @returns {Promise<import('./abuse-row.mjs').AbuseRow>}
 */
export async function waitFlood(server, n) {
  const owner = bearer(server.serverKey);
  const bill = await createFor(server.url, 'wait-flood-player', owner);
  const token = await server.mint('wait-flood-player');
  const before = await snapshot(server.url, server.dataDir, ['wait-flood-player'], [bill.id], owner);
  const started = Date.now();
  const answers = Array.from({ length: n }, (_, i) =>
    floodRequest(`${server.url}/v1/bills/${bill.id}/result?wait=25&nonce=${nonce()}`, {
      headers: bearer(i % 2 ? bill.token : token),
      localAddress: `127.0.0.${2 + (i % 20)}`,
    }),
  );
  /** @type {import('./flood-requests.mjs').FloodAnswer[]} */
  const early = [];
  let settled = false;
  for (const answer of answers) void answer.then((a) => !settled && early.push(a));
  // Until the refusals stop coming (the server takes a while to accept 2,000 connections), well within the hold.
  for (let seen = -1, quiet = 0; quiet < 3 && Date.now() - started < 15_000; await sleep(500)) {
    quiet = early.length === seen ? quiet + 1 : 0;
    seen = early.length;
  }
  settled = true;
  const held = n - early.length;
  const changed = differences(
    before,
    await snapshot(server.url, server.dataDir, ['wait-flood-player'], [bill.id], owner),
  );
  const other = await floodRequest(`${server.url}/v1/bills`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      'Idempotency-Key': `flood-${nonce()}`,
      ...bearer(await server.mint('bystander')),
    },
    body: JSON.stringify({ itemId: 'coins-100', quantity: 1, amount: 99, currency: 'USD', channel: 'sandbox' }),
  });
  await decide(server.url, bill.id, 'approve');
  const late = (await Promise.all(answers)).filter((a) => !early.includes(a));
  const paidAnswers = late.filter((a) => a.status === 200).length;
  const slowest = Math.max(...early.map((a) => a.ms));
  return {
    kind: 'limits',
    name: `${count(n)} waits on one bill (2 credentials, 20 addresses)`,
    expected: `≤ ${HELD_PER_BILL} held, the rest 429 RATE_LIMITED at once; held answer paid; another player: 201`,
    got: `${held} held, ${tally(early)} (all within ${(slowest / 1000).toFixed(1)} s); held answered: ${paidAnswers} × 200; another player: ${other.status}`,
    changed,
    ok:
      held <= HELD_PER_BILL &&
      held > 0 &&
      allRateLimited(early) &&
      paidAnswers === held &&
      other.status === 201 &&
      changed.length === 0,
  };
}

/**
 * `n` signed reads (`wait=0`) of one bill by its player, 50 at a time: at most the per-identity bucket is signed
 * (60, then 2 a second), the rest `429`; and `n` with no credential: `401`, none signed. Nothing changes.
 * @param {import('./abuse-server.mjs').AbuseServer} server
 * @param {number} n
 * @returns {Promise<import('./abuse-row.mjs').AbuseRow[]>}
 */
export async function signingFlood(server, n) {
  const owner = bearer(server.serverKey);
  const bill = await createFor(server.url, 'signing-flood-player', owner);
  const token = await server.mint('signing-flood-player');
  const take = () => snapshot(server.url, server.dataDir, ['signing-flood-player'], [bill.id], owner);
  const rows = [];
  for (const credential of [token, undefined]) {
    const before = await take();
    const started = Date.now();
    const answers = await flood(n, 50, () =>
      floodRequest(`${server.url}/v1/bills/${bill.id}/result?wait=0&nonce=${nonce()}`, { headers: bearer(credential) }),
    );
    const ms = Date.now() - started;
    const changed = differences(before, await take());
    const signed = answers.filter((a) => a.status === 200).length;
    const refused = answers.filter((a) => a.status !== 200);
    const limit = credential ? allowance(WAIT_PER_IDENTITY, ms) : 0;
    rows.push({
      kind: 'limits',
      name: credential
        ? `signing flood: ${count(n)} wait=0 reads of one bill by its player`
        : `signing flood: ${count(n)} wait=0 reads with no credential`,
      expected: credential
        ? `≤ ${WAIT_PER_IDENTITY.burst} signed (+2/s), the rest 429 RATE_LIMITED`
        : `${count(n)} × 401 UNAUTHENTICATED, none signed`,
      got: `${tally(answers)} in ${(ms / 1000).toFixed(1)} s`,
      changed,
      ok:
        changed.length === 0 &&
        (credential
          ? signed >= 1 && signed <= limit && allRateLimited(refused)
          : answers.every((a) => a.status === 401 && a.code === 'UNAUTHENTICATED')),
    });
  }
  return rows;
}

/**
 * A create flood: `creates` bills by one player (distinct Idempotency-Keys, 50 at a time) — at most the per-player
 * bucket (10, then 10 a minute) are made; and one create each by `players` players from one address (127.0.0.50) —
 * at most the per-IP bucket (120, then 2 a second). Every other one `429`, and the store holds exactly the bills
 * answered `201`.
 * @param {import('./abuse-server.mjs').AbuseServer} server
 * @param {{ creates: number, players: number }} sizes
 * @returns {Promise<import('./abuse-row.mjs').AbuseRow[]>}
 */
export async function createFlood(server, { creates, players }) {
  const body = JSON.stringify({ itemId: 'coins-100', quantity: 1, amount: 99, currency: 'USD', channel: 'sandbox' });
  const headers = (/** @type {string} */ token) => ({
    'Content-Type': 'application/json',
    'Idempotency-Key': `flood-${nonce()}`,
    ...bearer(token),
  });
  const one = await server.mint('create-flood-player');
  const tokens = await Promise.all(Array.from({ length: players }, (_, i) => server.mint(`crowd-player-${i}`)));
  const runs = [
    {
      name: `create flood: ${count(creates)} creates by one player`,
      n: creates,
      rule: CREATE_PER_IDENTITY,
      send: () => ({ headers: headers(one) }),
    },
    {
      name: `create flood: ${count(players)} players from one address`,
      n: players,
      rule: CREATE_PER_IP,
      send: (/** @type {number} */ i) => ({
        headers: headers(/** @type {string} */ (tokens[i])),
        localAddress: '127.0.0.50',
      }),
    },
  ];
  const rows = [];
  for (const run of runs) {
    const stored = billRows(server.dataDir);
    const started = Date.now();
    const answers = await flood(run.n, 50, (i) =>
      floodRequest(`${server.url}/v1/bills`, { method: 'POST', body, ...run.send(i) }),
    );
    const ms = Date.now() - started;
    const made = answers.filter((a) => a.status === 201).length;
    const added = billRows(server.dataDir) - stored;
    const changed = added === made ? [] : [`${added} bills stored for ${made} answered 201`];
    rows.push({
      kind: 'limits',
      name: run.name,
      expected: `≤ ${run.rule.burst} × 201 (+${run.rule.perMinute}/min), the rest 429 RATE_LIMITED; only those stored`,
      got: `${tally(answers)} in ${(ms / 1000).toFixed(1)} s; ${added} stored`,
      changed,
      ok:
        made >= 1 &&
        made <= allowance(run.rule, ms) &&
        allRateLimited(answers.filter((a) => a.status !== 201)) &&
        changed.length === 0,
    });
  }
  return rows;
}
