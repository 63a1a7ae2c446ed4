// @ts-check
// A bench child process: SDK clients. Held waits go through the SDK's real path — `createCoinslot().resume()`
// (pay-server client on ky over createNodeFetch() and verification by nodeResultVerifier() from @coinslot/core/node-verifier, as a Node game passes them — Node's global fetch with --client-fetch global —, held wait loop, verifySignedResult, journal); the polling baseline uses
// fetch and the SDK's verifySignedResult; the limit row a bare `node:http` long-poll (bare-wait.mjs). Each wait records t1 when the client knows the verified result.
// `BENCH_CORE_DIR`: another build of core (its dist/ directory), for an A/B of client changes, as BENCH_SERVER_MODULE
// is for the server.
const coreDir = process.env.BENCH_CORE_DIR;
const [{ createCoinslot, createMemoryStorage, verifySignedResult }, { createNodeFetch }, { nodeResultVerifier }] =
  /** @type {[typeof import('@coinslot/core'), typeof import('@coinslot/core/node'), typeof import('@coinslot/core/node-verifier')]} */ (
    await Promise.all(
      coreDir
        ? [import(`${coreDir}/index.js`), import(`${coreDir}/node.js`), import(`${coreDir}/node-verifier.js`)]
        : [import('@coinslot/core'), import('@coinslot/core/node'), import('@coinslot/core/node-verifier')],
    )
  );
import { serveRpc } from '../lib/child-rpc.mjs';
import { startProfile, stopProfile } from '../lib/cpu-profiler.mjs';
import { nowMs, sleep } from '../lib/clock.mjs';
import { bareWait } from './bare-wait.mjs';
import { WaitMarks } from './client-marks.mjs';
import { journalBill } from './journal-bill.mjs';
import { pollBill } from './poll-bill.mjs';

/** Waits started per ramp step, and the pause between steps, so connections open without a SYN storm. */
const RAMP_STEP = 100;
const RAMP_PAUSE_MS = 10;

/** @type {{ server: string, keys: import('@coinslot/core').ResultPublicKey[], strategy: string, pollOffset: 'random' | 'none', clientFetch?: 'node' | 'global', segments?: boolean }} */
let setup;
/** With `segments` (and the node fetch): each wait's fetch and verifier marked (`npm run bench -- --segments`). */
let waitMarks = /** @type {WaitMarks | undefined} */ (undefined);
/** One `createNodeFetch()` for the process, shared by its SDK instances as the global fetch's pool would be. */
const nodeFetch = createNodeFetch();
/** node:crypto verification, as a Node game passes it with createNodeFetch() (`--client-fetch node`). */
const nodeVerifier = nodeResultVerifier();
/** @type {[string, number][]} */
const resolved = [];
/** @type {string[]} */
const failures = [];
let startedWaits = 0;
let pollErrors = 0;
/** @type {string[]} */
const pollErrorSamples = [];

/**
 * Microseconds per `verifySignedResult` (the SDK's full check: parse, header rules, pinned key, ES256 signature,
 * payload rules), one after another as a client verifies its answers, after a warm-up.
 * @param {{ jws: string, billId: string, nonce: string, keys: import('@coinslot/core').ResultPublicKey[], count: number }} sample
 * @returns {Promise<number>}
 */
async function verifyMicros({ jws, billId, nonce, keys, count }) {
  const expect = { billId, nonce };
  for (let i = 0; i < 200; i += 1) await verifySignedResult(jws, expect, keys);
  const started = nowMs();
  for (let i = 0; i < count; i += 1) await verifySignedResult(jws, expect, keys);
  return ((nowMs() - started) * 1000) / count;
}

/**
 * @param {string} billId
 * @param {import('../lib/bench-server.mjs').BillCredentials | undefined} auth with real auth on the server: the
 *   player's token (`getPlayerToken`) and the bill's token (in the journal, sent on every call about the bill)
 * @param {() => void} onStarted
 * @param {number} waitSeconds how long each held request may be held (25, the SDK's default; the idle-cost
 *   measurement asks for 1 so that idle waits ask again every second)
 */
async function startWait(billId, auth, onStarted, waitSeconds) {
  const done = (/** @type {{ status?: string, state?: string }} */ outcome) => {
    const t1 = nowMs();
    const status = outcome.status ?? outcome.state;
    if (status === 'paid') resolved.push([billId, t1]);
    else failures.push(`${billId}: ${status}`);
  };
  const fail = (/** @type {unknown} */ error) => failures.push(`${billId}: ${String(error)}`);
  if (setup.strategy === 'polling') {
    const onError = (/** @type {any} */ error) => {
      pollErrors += 1;
      if (pollErrorSamples.length < 5)
        pollErrorSamples.push(`${error}${error?.cause ? `: ${error.cause.code ?? error.cause}` : ''}`);
    };
    pollBill(setup.server, billId, setup.keys, onStarted, setup.pollOffset === 'random', onError).then(done, fail);
    return;
  }
  if (setup.strategy === 'bare') {
    bareWait(setup.server, billId, waitSeconds).then(done, fail);
    onStarted();
    return;
  }
  // One SDK instance per wait, as one player's game has: one instance holding thousands of operations
  // would measure the instance's own bookkeeping (one abort listener per operation on its dispose signal).
  const coinslot = createCoinslot({
    server: setup.server,
    channels: {},
    trustedKeys: setup.keys,
    storage: auth ? await journalBill(createMemoryStorage(), setup.server, auth) : createMemoryStorage(),
    ...(auth && { getPlayerToken: () => auth.playerToken }),
    recoverOnReady: false,
    platform: 'node',
    waitSeconds,
    ...(setup.clientFetch !== 'global' &&
      (waitMarks
        ? { fetch: waitMarks.fetchFor(billId, nodeFetch), verifier: waitMarks.verifierFor(billId, nodeVerifier) }
        : { fetch: nodeFetch, verifier: nodeVerifier })),
  });
  coinslot
    .resume(billId)
    .then(done, fail)
    .finally(() => coinslot.dispose());
  onStarted();
}

serveRpc({
  setup(/** @type {typeof setup} */ arg) {
    setup = arg;
    if (setup.segments && setup.clientFetch !== 'global') waitMarks = new WaitMarks();
  },
  async open(
    /** @type {{ waits: { id: string, auth?: import('../lib/bench-server.mjs').BillCredentials }[], maxWaitMs: number, waitSeconds: number }} */ {
      waits,
      maxWaitMs,
      waitSeconds,
    },
  ) {
    let started = 0;
    const all = new Promise((resolve) => {
      // A polling client has started once its first poll is answered; a saturated server may take long.
      setTimeout(resolve, maxWaitMs).unref();
      const onStarted = () => {
        startedWaits += 1;
        if ((started += 1) === waits.length) resolve(undefined);
      };
      (async () => {
        for (let i = 0; i < waits.length; i += RAMP_STEP) {
          for (const { id, auth } of waits.slice(i, i + RAMP_STEP))
            startWait(id, auth, onStarted, waitSeconds).catch((error) => failures.push(`${id}: ${String(error)}`));
          await sleep(RAMP_PAUSE_MS);
        }
      })();
    });
    await all;
  },
  progress: () => ({
    started: startedWaits,
    resolved: resolved.length,
    failed: failures.length,
    failures: [...failures.slice(0, 5), ...pollErrorSamples],
    pollErrors,
  }),
  collect: () => resolved,
  'segment-marks': (/** @type {string[]} */ ids) => waitMarks?.take(ids) ?? {},
  verify: verifyMicros,
  now: nowMs,
  'profile-start': startProfile,
  'profile-stop': stopProfile,
});
