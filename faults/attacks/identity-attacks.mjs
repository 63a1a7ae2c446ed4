// @ts-check
import { randomUUID } from 'node:crypto';
import { bearer } from './abuse-server.mjs';
import { call, createFor, describeAnswer, paidBillFor } from './abuse-row.mjs';
import { differences, snapshot } from './state-snapshot.mjs';

const VICTIM = 'victim-player';
const ATTACKER = 'attacker-player';

/**
 * What the attacker holds: its own valid player token and its own bill's token, and a token for the victim it
 * signed itself. What it knows: the victim's player id and bill ids.
 * @typedef {{ url: string, victim: { open: string, paid: string }, attacker: { token: string, billToken: string, forged: string } }} Scene
 */

/** @param {Scene} s @param {string} credential @param {string} billId */
const deliver = (s, credential, billId) =>
  call(`${s.url}/v1/bills/${billId}/deliver`, credential, { method: 'POST', body: {} });
/** @param {Scene} s @param {string | undefined} credential @param {Record<string, unknown>} change */
const create = (s, credential, change) =>
  call(`${s.url}/v1/bills`, credential, {
    method: 'POST',
    headers: { 'Idempotency-Key': `abuse-${randomUUID()}` },
    body: { itemId: 'coins-100', quantity: 1, amount: 99, currency: 'USD', channel: 'sandbox', ...change },
  });

/**
 * Every identity attack: the player B (the attacker) against the player A's bills, and free items from the client.
 * @type {{ name: string, expected: string, send: (s: Scene) => Promise<{ status: number, code?: string }> }[]}
 */
export const IDENTITY_ATTACKS = [
  {
    name: "steal by deliver: B lists A's paid bills (B's player token)",
    expected: '403 FORBIDDEN',
    send: (s) => call(`${s.url}/v1/bills?user=${VICTIM}&state=paid`, s.attacker.token),
  },
  {
    name: "steal by deliver: B delivers A's paid bill (B's player token)",
    expected: '404 BILL_NOT_FOUND',
    send: (s) => deliver(s, s.attacker.token, s.victim.paid),
  },
  {
    name: "steal by deliver: B's own bill token on A's paid bill",
    expected: '401 UNAUTHENTICATED',
    send: (s) => deliver(s, s.attacker.billToken, s.victim.paid),
  },
  {
    name: "steal by deliver: A's token signed by B's own key",
    expected: '401 UNAUTHENTICATED',
    send: (s) => deliver(s, s.attacker.forged, s.victim.paid),
  },
  {
    name: 'steal by deliver: no credential',
    expected: '401 UNAUTHENTICATED',
    send: (s) => call(`${s.url}/v1/bills/${s.victim.paid}/deliver`, undefined, { method: 'POST', body: {} }),
  },
  {
    name: "list for another player: B lists A's bills",
    expected: '403 FORBIDDEN',
    send: (s) => call(`${s.url}/v1/bills?user=${VICTIM}&state=created`, s.attacker.token),
  },
  {
    name: 'list for another player: no credential',
    expected: '401 UNAUTHENTICATED',
    send: (s) => call(`${s.url}/v1/bills?user=${VICTIM}&state=paid`, undefined),
  },
  {
    name: "read for another player: B reads A's bill",
    expected: '404 BILL_NOT_FOUND',
    send: (s) => call(`${s.url}/v1/bills/${s.victim.paid}`, s.attacker.token),
  },
  {
    name: "read for another player: B waits on A's bill (a signed result)",
    expected: '404 BILL_NOT_FOUND',
    send: (s) => call(`${s.url}/v1/bills/${s.victim.paid}/result?wait=0&nonce=abcdefghijklmnop`, s.attacker.token),
  },
  {
    name: 'read for another player: no credential',
    expected: '401 UNAUTHENTICATED',
    send: (s) => call(`${s.url}/v1/bills/${s.victim.paid}`, undefined),
  },
  {
    name: "cancel for another player: B cancels A's open bill",
    expected: '404 BILL_NOT_FOUND',
    send: (s) => call(`${s.url}/v1/bills/${s.victim.open}/cancel`, s.attacker.token, { method: 'POST', body: {} }),
  },
  {
    name: 'cancel for another player: no credential',
    expected: '401 UNAUTHENTICATED',
    send: (s) => call(`${s.url}/v1/bills/${s.victim.open}/cancel`, undefined, { method: 'POST', body: {} }),
  },
  {
    name: "create for another player: B's token, userId A",
    expected: '403 FORBIDDEN',
    send: (s) => create(s, s.attacker.token, { userId: VICTIM }),
  },
  {
    name: 'create for another player: no credential, userId A',
    expected: '401 UNAUTHENTICATED',
    send: (s) => create(s, undefined, { userId: VICTIM }),
  },
  {
    name: 'free items: quantity 10 000 at amount 0',
    expected: '400 AMOUNT_MISMATCH',
    send: (s) => create(s, s.attacker.token, { quantity: 10_000, amount: 0 }),
  },
  {
    name: 'free items: an item the catalog does not price',
    expected: '400 AMOUNT_MISMATCH',
    send: (s) => create(s, s.attacker.token, { itemId: 'gold-bar', amount: 0 }),
  },
];

/**
 * Runs every identity attack against the abuse server, one at a time; before and after each, reads A's and B's
 * bills one by one and in every listing (with the game backend's key) and the whole store, and compares.
 * @param {import('./abuse-server.mjs').AbuseServer} server
 * @param {boolean} devAuth the server was started with development auth (planted): fixtures are made without a key
 * @returns {Promise<import('./abuse-row.mjs').AbuseRow[]>}
 */
export async function runIdentityAttacks(server, devAuth) {
  const owner = devAuth ? {} : bearer(server.serverKey);
  const open = await createFor(server.url, VICTIM, owner);
  const paid = await paidBillFor(server.url, VICTIM, owner);
  const own = await createFor(server.url, ATTACKER, owner);
  /** @type {Scene} */
  const scene = {
    url: server.url,
    victim: { open: open.id, paid: paid.id },
    attacker: { token: await server.mint(ATTACKER), billToken: own.token, forged: await server.forge(VICTIM) },
  };
  const take = () => snapshot(server.url, server.dataDir, [VICTIM, ATTACKER], [open.id, paid.id, own.id], owner);
  const rows = [];
  for (const attack of IDENTITY_ATTACKS) {
    const before = await take();
    const got = describeAnswer(await attack.send(scene).catch((error) => ({ status: 0, code: `THREW ${error}` })));
    const alive = server.process.running();
    const changed = alive ? differences(before, await take()) : ['the server process died'];
    rows.push({
      kind: 'identity',
      name: attack.name,
      expected: attack.expected,
      got,
      changed,
      ok: alive && got === attack.expected && changed.length === 0,
    });
  }
  return rows;
}
