// @ts-check
import { PLAYER_STEAM_ID } from './steam-harness.mjs';

/**
 * What the rows make Steam (its emulator and the player's stand-in client) and the game do for one bill: start the
 * order, answer the overlay, report the result, reverse it — and the driver's GetReport poll.
 * @typedef {import('@coinslot/testing/emulators').SteamEmulator} SteamEmulator
 * @typedef {import('@coinslot/testing/emulators').SteamworksStandIn} SteamworksStandIn
 * @typedef {{ billId: string, orderid: string }} SteamBill
 */

/** @param {import('../channel-case.mjs').ChannelRowRun} row */
export const steamOf = (row) => /** @type {{ steam: SteamEmulator, player: SteamworksStandIn }} */ (row.setup.emulator);

/**
 * Creates bill `i` and starts its Steam order as the adapter does (`POST initUrl` with the player's SteamID: the
 * driver calls InitTxn); resolves once the overlay shows the dialog.
 * @param {import('../channel-case.mjs').ChannelRowRun} row
 * @param {number} i
 * @returns {Promise<SteamBill>}
 */
export async function startOrder(row, i) {
  const { bill, launch } = await row.createBill(i);
  const response = await fetch(String(launch.initUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ steamId: PLAYER_STEAM_ID, language: 'english' }),
  });
  if (!response.ok) throw new Error(`the Steam init route answered ${response.status}: ${await response.text()}`);
  const orderid = String(launch.orderid);
  await steamOf(row).player.overlay.waitFor(orderid);
  return { billId: bill.id, orderid };
}

/**
 * The game reports the overlay's answer (`POST /v1/bills/:id/report`, its proof `{ orderid, authorized }`); answers
 * the status. The driver asks Steam (QueryTxn) and captures an authorized order (FinalizeTxn).
 * @param {import('../channel-case.mjs').ChannelRowRun} row
 * @param {string} billId
 * @param {Record<string, unknown>} proof
 */
export async function report(row, billId, proof) {
  const response = await fetch(`${row.serverUrl}/v1/bills/${billId}/report`, {
    method: 'POST',
    headers: { authorization: `Bearer ${row.serverKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ proof }),
  });
  await response.arrayBuffer();
  return response.status;
}

/**
 * The player authorizes the order in the overlay and the game reports it.
 * @param {import('../channel-case.mjs').ChannelRowRun} row
 * @param {SteamBill} order
 */
export async function authorizeAndReport(row, { billId, orderid }) {
  steamOf(row).player.overlay.authorize(orderid);
  const status = await report(row, billId, { orderid, authorized: true });
  if (status !== 200) row.problems.push(`an authorized order's report answered ${status}`);
}

/**
 * Something other than the driver captures the order (the game crashed before reporting; FinalizeTxn by hand).
 * @param {import('../channel-case.mjs').ChannelRowRun} row
 * @param {string} orderid
 */
export async function finalizeElsewhere(row, orderid) {
  const { steam } = steamOf(row);
  const response = await fetch(`${steam.url}/ISteamMicroTxnSandbox/FinalizeTxn/v2/`, {
    method: 'POST',
    body: new URLSearchParams({ key: steam.publisherKey, orderid, appid: String(steam.appId) }),
  });
  await response.arrayBuffer();
}

/**
 * One GetReport poll of the driver, its notices sent into the pay server (`dispatch`), as a host's timer runs it;
 * `capture` hears each notice and its answer.
 * @param {import('../channel-case.mjs').ChannelRowRun} row
 * @param {(notice: { body: string, signature: string, status: number }) => void} [capture]
 */
export async function pollReversals(row, capture) {
  const driver = /** @type {import('@coinslot/channel-steam/server').SteamDriver} */ (row.setup.driver);
  return driver.pollReversals({
    now: row.now,
    dispatch: async (request) => {
      const body = await request.clone().text();
      const signature = request.headers.get('x-coinslot-steam-signature') ?? '';
      const response = await row.dispatch(request);
      capture?.({ body, signature, status: response.status });
      return response;
    },
  });
}

/**
 * POSTs a notice to the pay server's `/v1/notify/steam` as whoever sent it; answers the status.
 * @param {import('../channel-case.mjs').ChannelRowRun} row
 * @param {string} body
 * @param {string} signature
 */
export async function postNotice(row, body, signature) {
  const response = await fetch(`${row.serverUrl}/v1/notify/steam`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-coinslot-steam-signature': signature },
    body,
  });
  await response.arrayBuffer();
  return response.status;
}
