// @ts-check
import { parseArgs } from 'node:util';

/**
 * @typedef {'bare' | 'coinslot' | 'coinslot-auth' | 'polling' | 'sleep-loop'} Strategy
 * @typedef {object} BenchArgs
 * @property {number[]} waits held waits per latency phase
 * @property {number} rate notifications per second
 * @property {number | undefined} notify notifications per run (default: min(waits, rate × 1 s), 1.5 s with `--full`)
 * @property {number} runs notify windows per row; the table shows their median and spread
 * @property {number} clients client worker processes
 * @property {Strategy[]} strategies
 * @property {number} purchaseSeconds the purchase length whose requests are counted for real
 * @property {'node' | 'global'} clientFetch the fetch and verifier the SDK clients of the held-wait rows use: `createNodeFetch()` (`@coinslot/core/node`) and `nodeResultVerifier()` (`@coinslot/core/node-verifier`)
 *   (what a Node or Electron-main game passes) or Node's global fetch (undici, the default of
 *   `createCoinslot`)
 * @property {boolean} smoke
 * @property {boolean} full the long run: the baselines at every number of waits, and the auth, events and
 *   multi-instance phases at their full sizes (the default keeps the whole run near two minutes)
 * @property {string | undefined} json where to write the results as JSON
 * @property {string | undefined} profile a directory for CPU profiles of the server and one client, per latency phase
 * @property {boolean} build build the packages whose sources are newer than their dist/ first
 * @property {boolean} auth run the authentication phase (authenticate() per credential kind, and over HTTP)
 * @property {boolean} events run the events phase (webhook latency and dispatch throughput)
 * @property {boolean} multiInstance run the multi-instance phase (wake-up buses across instances; PostgreSQL and Redis)
 * @property {boolean} segments also mark each notified held wait's steps (server and client) and print where its
 *   latency goes, per segment
 */

const HELP = `npm run bench -- [options]

  --waits <n,n>       held waits per phase (default 1000,10000; smoke 200); the baselines run at the smallest
                      only, unless --full
  --rate <n>          channel notifications per second (default 500)
  --notify <n>        notifications per run (default min(waits, rate × 1 s; 1.5 s with --full))
  --runs <n>          notify windows per row, for the median and spread (default 3; smoke 2)
  --clients <n>       client worker processes (default 2)
  --strategies <s,s>  bare,coinslot,coinslot-auth,polling,sleep-loop (default bare,coinslot-auth,polling,
                      sleep-loop; bare is the limit row the ratios are to, so it is always run;
                      coinslot-auth is the held wait with player-token auth and bill tokens, coinslot the
                      same with development auth)
  --purchase-seconds <n>  length of the purchases whose requests are counted for real (default 5; smoke 1)
  --no-auth           skip the authentication phase (authenticate() per credential kind, and over HTTP)
  --no-events         skip the events phase (paid commit → first webhook attempt, events dispatched per second)
  --no-multi-instance skip the multi-instance phase (a wait on one instance, the notification on another, per wake-up
                      bus; paid commits with the PostgreSQL bus; needs PostgreSQL and Redis). Smoke runs skip it
                      unless --multi-instance is given
  --multi-instance    run the multi-instance phase in a smoke run too (at smoke size)
  --client-fetch <f>  node or global: the fetch and verifier of the held-wait rows' SDK clients — createNodeFetch()
                      and nodeResultVerifier() from @coinslot/core/node(-verifier), as a Node game passes them (default), or
                      Node's global fetch (undici) and WebCrypto
  --smoke             a small, fast run (< 15 s)
  --full              the long run (5–8 minutes), the one docs/performance.md quotes: notify windows of 1.5 s and
                      idle windows of 0.75 s, polling and the sleep loop at every number of waits too, and the
                      auth, events and multi-instance phases at full size (default: windows of 1 s and 0.5 s,
                      the baselines at the fewest waits, the other phases at short sizes, three runs per row
                      everywhere — about two minutes on a quiet 2-core machine)
  --segments          also print, for the held-wait rows, where the notify → verified result latency goes: p50, p90
                      and p99 of each step (notifier write, server request event, store read, transition, answer's
                      'finish', client fetch, verifier, resume()), pooled over the row's windows. Marks each
                      notified wait on both sides (a little extra work, and marks kept in the server's heap: read
                      the memory and idle rows from a run without it); needs --client-fetch node
  --profile <dir>     write .cpuprofile files of the server and a client during each row's last notify window
  --no-build          run dist/ as it is (default: build core and server first when their sources are newer)
  -h, --help          this text
`;

const STRATEGIES = ['bare', 'coinslot', 'coinslot-auth', 'polling', 'sleep-loop'];
/** The development-auth held wait is left out by default to keep the run near two minutes; the real server has auth. */
const DEFAULT_STRATEGIES = ['bare', 'coinslot-auth', 'polling', 'sleep-loop'];

/** @param {string} name @param {string} value */
function positiveInt(name, value) {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`--${name} must be a positive integer, not ${value}`);
  return n;
}

/** @param {string[]} argv @returns {BenchArgs | undefined} undefined after printing the help */
export function readArgs(argv) {
  const { values } = parseArgs({
    args: argv,
    options: {
      waits: { type: 'string' },
      rate: { type: 'string' },
      notify: { type: 'string' },
      runs: { type: 'string' },
      clients: { type: 'string', default: '2' },
      strategies: { type: 'string', default: DEFAULT_STRATEGIES.join(',') },
      'purchase-seconds': { type: 'string' },
      smoke: { type: 'boolean', default: false },
      full: { type: 'boolean', default: false },
      'client-fetch': { type: 'string', default: 'node' },
      json: { type: 'string' },
      profile: { type: 'string' },
      'no-build': { type: 'boolean', default: false },
      'no-auth': { type: 'boolean', default: false },
      'no-events': { type: 'boolean', default: false },
      'no-multi-instance': { type: 'boolean', default: false },
      'multi-instance': { type: 'boolean', default: false },
      segments: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(HELP);
    return undefined;
  }
  const smoke = values.smoke ?? false;
  if (smoke && values.full) throw new Error('--smoke and --full cannot be combined');
  const clientFetch = values['client-fetch'];
  if (clientFetch !== 'node' && clientFetch !== 'global')
    throw new Error(`--client-fetch takes node or global, not ${clientFetch}`);
  const segments = values.segments ?? false;
  // The client's marks wrap the fetch and the verifier the worker hands the SDK; with the global fetch it hands none.
  if (segments && clientFetch === 'global') throw new Error('--segments needs --client-fetch node');
  const asked = (values.strategies ?? '').split(',').map((s) => s.trim());
  const unknown = asked.find((s) => !STRATEGIES.includes(s));
  if (unknown !== undefined) throw new Error(`--strategies takes ${STRATEGIES.join(', ')}, not ${unknown}`);
  // The limit row runs first in every invocation: every latency is a ratio to it.
  const strategies = STRATEGIES.filter((s) => s === 'bare' || asked.includes(s));
  return {
    waits: (values.waits ?? (smoke ? '200' : '1000,10000')).split(',').map((w) => positiveInt('waits', w)),
    rate: positiveInt('rate', values.rate ?? '500'),
    notify: values.notify === undefined ? undefined : positiveInt('notify', values.notify),
    runs: positiveInt('runs', values.runs ?? (smoke ? '2' : '3')),
    clients: positiveInt('clients', values.clients ?? '2'),
    strategies: /** @type {Strategy[]} */ (strategies),
    purchaseSeconds: positiveInt('purchase-seconds', values['purchase-seconds'] ?? (smoke ? '1' : '5')),
    smoke,
    full: values.full ?? false,
    clientFetch,
    json: values.json,
    profile: values.profile,
    build: !values['no-build'],
    auth: !values['no-auth'],
    events: !values['no-events'],
    multiInstance: !values['no-multi-instance'] && (!smoke || values['multi-instance'] === true),
    segments,
  };
}
