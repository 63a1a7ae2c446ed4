// @ts-check
import { loadEmulators, loadSteamServer } from '../channel-snapshot.mjs';
import { believingProofs, withoutQuery } from '../planted-drivers.mjs';

/** The player every row's orders are for (a SteamID64 of an individual account). */
export const PLAYER_STEAM_ID = '76561197960287930';

/** Steam's statuses of an order whose money is gone from the player (or, `Approved`, promised by the player). */
const TAKEN = [
  'Approved',
  'Succeeded',
  'Refunded',
  'PartialRefund',
  'Chargedback',
  'RefundedSuspectedFraud',
  'RefundedFriendlyFraud',
];
const REFUNDED_IN_WHOLE = ['Refunded', 'RefundedSuspectedFraud', 'RefundedFriendlyFraud'];

/**
 * What Steam holds about a bill's order: paid once the player authorized it in the overlay (`Approved`, captured by
 * FinalizeTxn — the driver's business — or any later status), refunded in whole or by item lines, charged back.
 * @param {import('@coinslot/testing/emulators').SteamEmulator} steam
 * @param {string} orderid
 * @returns {import('../channel-case.mjs').ChannelTruth}
 */
function steamTruth(steam, orderid) {
  const order = steam.order(orderid);
  const status = order?.status ?? 'Init';
  const total = (order?.items ?? []).reduce((sum, item) => sum + item.amount, 0);
  const refundedLines = (order?.items ?? []).filter((item) => item.itemstatus === 'Refunded');
  return {
    paid: TAKEN.includes(status),
    refundedAmount: REFUNDED_IN_WHOLE.includes(status)
      ? total
      : status === 'PartialRefund'
        ? refundedLines.reduce((sum, item) => sum + item.amount, 0)
        : 0,
    chargedBack: status === 'Chargedback',
  };
}

/**
 * Steam: the MicroTxn emulator of `@coinslot/testing/emulators` (InitTxn, QueryTxn, FinalizeTxn, RefundTxn,
 * GetReport, a stand-in for the player's Steam client whose overlay the rows answer) and `createSteamDriver` of
 * `@coinslot/channel-steam/server` pointed at it (the sandbox interface). Steam pushes nothing: payments come as the
 * game's proof (`POST /v1/bills/:id/report`, here sent with the game backend's server key), reversals from the
 * driver's GetReport poll. A proof claiming an authorization Steam does not show is asked about again after 200 ms
 * (the driver's default is 1 s). Prices in USD.
 * @type {import('../channel-case.mjs').ChannelHarness}
 */
export const steam = {
  id: 'steam',
  price: { itemId: 'coins-550', amount: 499, currency: 'USD' },
  async start({ now, plant }) {
    const { startSteamEmulator } = await loadEmulators();
    const { createSteamDriver } = await loadSteamServer();
    const emulator = await startSteamEmulator({ now });
    const player = emulator.connectClient({ steamId: PLAYER_STEAM_ID });
    const real = createSteamDriver({
      publisherKey: emulator.publisherKey,
      appId: emulator.appId,
      sandbox: true,
      apiUrl: emulator.url,
      items: { [steam.price.itemId]: { itemId: 1002, description: 'Chest of coins' } },
      authorizationRecheckMs: 200,
    });
    const driver = plant === 'accept-forged' ? believingProofs(real) : plant === 'no-query' ? withoutQuery(real) : real;
    return {
      emulator: { steam: emulator, player },
      driver,
      connect: () => {},
      truth: ({ launch }) => steamTruth(emulator, String(launch.orderid)),
      quiet: async () => {},
      close: () => emulator.close(),
    };
  },
};
