// @ts-check

import { BILL_STATES } from '@coinslot/protocol';

/**
 * GET a JSON answer from the pay server; throws on anything but 200.
 * @param {string} serverUrl
 * @param {string} path
 * @param {Record<string, string>} [headers] e.g. the owner's or the game backend's credential
 */
export async function getJson(serverUrl, path, headers = {}) {
  const response = await fetch(serverUrl + path, { headers });
  if (!response.ok) throw new Error(`GET ${path} answered ${response.status}: ${await response.text()}`);
  return response.json();
}

/**
 * Every bill of the given users, in every state, as the server lists them (`GET /v1/bills?user=…&state=…`),
 * keyed by bill id. Throws when a listing is full (100), since it could then hide bills.
 * @param {string} serverUrl
 * @param {readonly string[]} users
 * @param {Record<string, string>} [headers]
 * @returns {Promise<Map<string, Record<string, any>>>}
 */
export async function listUserBills(serverUrl, users, headers = {}) {
  /** @type {Map<string, Record<string, any>>} */
  const bills = new Map();
  for (const user of users) {
    for (const state of BILL_STATES) {
      const { bills: listed } = await getJson(
        serverUrl,
        `/v1/bills?user=${encodeURIComponent(user)}&state=${state}`,
        headers,
      );
      if (listed.length >= 100) throw new Error(`user ${user} has ≥ 100 ${state} bills: the listing may hide some`);
      for (const bill of listed) bills.set(bill.id, bill);
    }
  }
  return bills;
}

/**
 * Read each bill by id (`GET /v1/bills/:id`), a few at a time.
 * @param {string} serverUrl
 * @param {Iterable<string>} ids
 * @param {Record<string, string>} [headers]
 * @returns {Promise<Map<string, Record<string, any>>>}
 */
export async function readBills(serverUrl, ids, headers = {}) {
  const queue = [...ids];
  /** @type {Map<string, Record<string, any>>} */
  const bills = new Map();
  const worker = async () => {
    for (let id = queue.pop(); id !== undefined; id = queue.pop())
      bills.set(id, (await getJson(serverUrl, `/v1/bills/${id}`, headers)).bill);
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  return bills;
}
