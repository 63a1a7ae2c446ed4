// @ts-check

/**
 * A fault planted to show the fulfilment rows can fail: `no-dedup` (the game backend forgets its dedup rows and
 * grants on every `bill.paid` webhook), `lost-event` (the outbox marks some events sent without handing them over).
 * @typedef {'no-dedup' | 'lost-event'} FulfilmentPlant
 */

/**
 * What a fulfilment row's `play` can reach.
 * @typedef {object} RowRun
 * @property {number} bills how many bills the row creates
 * @property {() => number} random the row's seeded random numbers
 * @property {import('./game-backend.mjs').GameBackend} backend the game backend (a real loopback endpoint)
 * @property {import('./reversing-channel.mjs').ReversingChannel} channel the harness as the sandbox's server
 * @property {import('@coinslot/backend').PayServerClient} client the game backend's server-to-server client
 * @property {{ now: () => number, offsetMs: number }} clock the pay server's and the game backend's clock: real
 *   time plus `offsetMs`
 * @property {(offsetMs: number) => Promise<void>} setClock moves both clocks to real time + `offsetMs`
 * @property {(i: number) => Promise<Record<string, any>>} createBill creates bill `i` server to server (its own player)
 * @property {(i: number) => 'approve' | 'decline'} decision the channel's decision for bill `i`: 9 in 10 approve
 * @property {() => Promise<void>} settle runs the dispatcher until no event is pending (moving the clock to each
 *   retry when the server runs in process; waiting for the child's own timer otherwise)
 * @property {import('./in-process-server.mjs').InProcessServer | undefined} inProcess the pay server, when in process
 * @property {import('./child-server.mjs').ChildServer | undefined} child the pay server, when a child process
 * @property {string[]} notes
 * @property {string[]} problems
 */

/**
 * A row of the fulfilment table: a pay server (in this process on a movable clock, or a child process that can be
 * SIGKILLed), a game backend that grants on webhooks, and the fault the row injects in `play`.
 * @typedef {object} FulfilmentCase
 * @property {string} name the row's label
 * @property {string} fault one sentence for the report: what breaks and how
 * @property {'in-process' | 'child'} [server] where the pay server runs (default in process)
 * @property {{ timeoutMs?: number, concurrency?: number }} [events] the pay server's events options
 * @property {(row: RowRun) => Promise<void>} play creates and pays the bills under the fault; the run settles and
 *   counts afterwards
 */

export {};
