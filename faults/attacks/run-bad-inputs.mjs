// @ts-check
import { BAD_INPUTS, ATTACK_USER } from './bad-inputs.mjs';
import { prepareBills } from './bill-fixtures.mjs';
import { differences, snapshot } from './state-snapshot.mjs';

/**
 * One row of the bad-input table.
 * @typedef {object} BadInputRow
 * @property {string} name
 * @property {string} expected e.g. `400 INVALID_FIELD (amount)`
 * @property {string} got what the server answered, the same way
 * @property {string[]} changed what differs in the server's state after the request (must be empty)
 * @property {boolean} ok refused as expected, nothing changed, server still up
 */

/** @param {number} status @param {string | undefined} code @param {string | undefined} field */
const describe = (status, code, field) => `${status} ${code ?? '-'}${field ? ` (${field})` : ''}`;

/**
 * Send every bad input to the running server, one at a time; before and after each, snapshot the fixture bills,
 * the attack player's listings and the whole store, and compare.
 * @param {import('../lib/server-process.mjs').ServerProcess} server
 * @returns {Promise<BadInputRow[]>}
 */
export async function runBadInputs(server) {
  const fixtures = await prepareBills(server.url, ATTACK_USER);
  const billIds = [fixtures.created, fixtures.paid, fixtures.delivered, fixtures.failed, fixtures.cancelled];
  const take = () => snapshot(server.url, server.dataDir, [ATTACK_USER], billIds);
  /** @type {BadInputRow[]} */
  const rows = [];
  for (const input of BAD_INPUTS) {
    const before = await take();
    const answer = await input
      .send(server.url, fixtures)
      .catch((error) => ({ status: 0, code: `THREW ${error}`, field: undefined, body: undefined }));
    const field = input.field === undefined ? undefined : answer.field;
    const alive = server.running();
    const changed = alive ? differences(before, await take()) : ['the server process died'];
    const expected = describe(input.status, input.code, input.field);
    const got = describe(answer.status, answer.code, field);
    rows.push({ name: input.name, expected, got, changed, ok: alive && got === expected && changed.length === 0 });
  }
  return rows;
}
