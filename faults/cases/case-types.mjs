// @ts-check

/**
 * What a case's hooks can reach while it runs.
 * @typedef {object} CaseContext
 * @property {import('../lib/server-process.mjs').ServerProcess} server the real pay server (a child process)
 * @property {import('../lib/fault-proxy.mjs').FaultProxy | undefined} proxy between the games and the server
 * @property {import('../lib/channel-server.mjs').ChannelServer} channel the harness as the channel's server
 * @property {Map<string, import('../game/game-process.mjs').Launch>} launches every bill a game opened checkout for
 * @property {number} attempted purchases all games attempt in this case
 * @property {() => number} random the case's seeded random numbers
 * @property {(billId: string, options?: { delayMs?: number, copies?: number }) => Promise<void>} pay
 *   the channel's decision for a bill — 9 in 10 approved, 1 in 10 declined (fixed per bill) — notified until accepted
 * @property {string[]} notes lines for the report
 * @property {string[]} problems anything wrong; fails the row
 */

/**
 * A fault case: a default run (games buy, the channel approves each bill within a second, every game recovers
 * at the end) with hooks where the case injects its fault.
 * @typedef {object} FaultCase
 * @property {string} name the row's label
 * @property {string} fault one sentence for the report: what is broken and how
 * @property {boolean} [viaProxy] the games talk to the server through the fault proxy
 * @property {number} [waitSeconds] the games' `waitSeconds` (the server holds each wait that long; default 2)
 * @property {import('../game/crash-point.mjs').CrashPoint} [crash] where each game process SIGKILLs itself
 * @property {number} [clockSkewMs] how far off the games' clocks are
 * @property {boolean} [journalOnly] the games recover from their journals alone (no `userId`, so no server listing)
 * @property {(ctx: CaseContext) => import('../lib/fault-proxy.mjs').FaultProxy['plan']} [plan] the proxy's plan
 * @property {(ctx: CaseContext, launch: import('../game/game-process.mjs').Launch) => void} [onLaunch]
 *   when a game opens checkout (default: `ctx.pay(billId, { delayMs: 0–1000 })`)
 * @property {(ctx: CaseContext) => Promise<void>} [during] runs alongside the purchases
 * @property {(ctx: CaseContext, life: import('../game/game-process.mjs').GameLife, game: number) => Promise<void>} [afterPurchases]
 *   in each game's first life once its purchases ended (not when it was killed)
 * @property {(ctx: CaseContext, bills: Map<string, Record<string, any>>) => Promise<void>} [verify]
 *   after recovery, with the server's bills: add problems
 */

export {};
