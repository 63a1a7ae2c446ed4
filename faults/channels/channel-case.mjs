// @ts-check

/**
 * A fault planted to show this table's rows can fail: the fulfilment table's `no-dedup` (the game backend grants on
 * every `bill.paid` webhook) and `lost-event` (the outbox drops some events), or one of the drivers' own
 * (planted-drivers.mjs): `accept-forged` (the driver also takes what an attacker signed, or — Steam — believes the
 * game client's proof), `no-query` (the driver cannot ask its provider: no query fallback).
 * @typedef {import('../fulfilment/fulfilment-case.mjs').FulfilmentPlant | 'accept-forged' | 'no-query'} ChannelPlant
 */

/**
 * What the provider — its emulator, the channel's source of truth — holds about a bill's money.
 * @typedef {object} ChannelTruth
 * @property {boolean} paid the provider took the player's money (Steam: the player authorized the order)
 * @property {number} refundedAmount the total refunded so far, in minor units
 * @property {boolean} chargedBack the payment was charged back
 */

/**
 * One row's provider: its emulator on loopback and the real driver pointed at it.
 * @typedef {object} ChannelSetup
 * @property {any} emulator the emulator of `@coinslot/testing/emulators` (its own interface per provider)
 * @property {import('@coinslot/server').ChannelDriver} driver the driver the pay server mounts (planted when the
 *   plant is the driver's)
 * @property {(serverUrl: string) => void} connect tells the emulator where the pay server listens
 * @property {(bill: CreatedBill) => ChannelTruth} truth the provider's record of the bill
 * @property {() => Promise<void>} quiet resolves once the emulator has no notification in flight or scheduled
 * @property {() => Promise<void>} close
 */

/**
 * A bill as the game backend created it, with its launch payload.
 * @typedef {{ bill: Record<string, any>, launch: Record<string, any> }} CreatedBill
 */

/**
 * A provider: its id, the price the rows sell at, and how to start its emulator and driver for one row.
 * @typedef {object} ChannelHarness
 * @property {string} id the channel id (`stripe`, `alipay`, `wechatpay`, `steam`)
 * @property {{ itemId: string, amount: number, currency: string }} price
 * @property {(options: { now: () => number, plant?: ChannelPlant }) => Promise<ChannelSetup>} start
 */

/**
 * What a row's `play` can reach.
 * @typedef {object} ChannelRowRun
 * @property {number} bills how many bills the row creates
 * @property {ChannelSetup} setup the emulator and the driver
 * @property {import('../fulfilment/game-backend.mjs').GameBackend} backend the game backend (a real loopback endpoint)
 * @property {import('@coinslot/backend').PayServerClient} client the game backend's server-to-server client
 * @property {string} serverUrl the pay server's base URL
 * @property {string} serverKey the game backend's server key (reports proofs for a client-result channel)
 * @property {(request: Request) => Promise<Response>} dispatch the pay server's handler, in this process
 * @property {() => number} now the shared clock: the pay server's, the emulator's and the game backend's
 * @property {(ms: number) => Promise<void>} advance settles (see `settle`), moves the shared clock ahead and lets the
 *   sweeps run
 * @property {(i: number) => Promise<CreatedBill>} createBill creates bill `i` server to server (its own player)
 * @property {() => Promise<void>} settle waits for the emulator's deliveries, then for every event to reach the game
 *   backend
 * @property {(ids: string[], done: (bill: Record<string, any>) => boolean, what: string) => Promise<void>} waitForBills
 *   polls the pay server until every bill is `done` (a problem of the row after 30 s)
 * @property {(kind: string, status: number) => void} attack records an answer to a forged or replayed request; a
 *   2xx is a problem of the row
 * @property {string[]} notes
 * @property {string[]} problems
 */

/**
 * A row of the table: one provider, one fault.
 * @typedef {object} ChannelCase
 * @property {ChannelHarness} harness
 * @property {string} name the fault, as the row's label says it
 * @property {string} fault one sentence for the report: what happens and what the harness checks
 * @property {number} [billTtlMs] the bills' lifetime (the pay server's `billTtlMs`; default 15 minutes)
 * @property {(row: ChannelRowRun) => Promise<void>} play creates and pays the bills under the fault; the run settles
 *   and counts afterwards
 */

export {};
