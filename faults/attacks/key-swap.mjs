// @ts-check
import { loadCore } from '../lib/build-snapshot.mjs';
import { ChannelServer } from '../lib/channel-server.mjs';
import { startFaultProxy } from '../lib/fault-proxy.mjs';
import { getJson } from '../lib/server-reads.mjs';
import { resultBillId } from '../cases/network-cases.mjs';
import { bearer } from './abuse-server.mjs';
import { attackerPublicJwk, signAsAttacker, splitJws } from './jws-forgery.mjs';

/** The pay server's address as the game is configured with it: plain http to another machine. */
const REMOTE = 'http://pay.example.com';
const PLAYER = 'key-swap-player';

/** The attacker's keys, served instead of the pay server's. */
const attackerJwks = () =>
  JSON.stringify({ keys: [{ ...attackerPublicJwk(), kid: 'k-attacker', alg: 'ES256', use: 'sig' }] });

/**
 * The key swap over `http://`: a proxy on the way (`faults/lib/fault-proxy.mjs`) answers `GET /v1/keys` with the
 * attacker's key and replaces each signed result with a `paid` signed by that key. The game is the built SDK in this
 * process with a real player token; its requests to `http://pay.example.com` reach the proxy.
 * - Without pinned keys the SDK must refuse that server before sending anything (`INVALID_OPTIONS`).
 * - With the server's keys pinned (`trustedKeys`), a purchase the channel declines must stay declined: the forged
 *   `paid` is `RESULT_REJECTED`, nothing is granted, and the bill stays `failed` on the server.
 * `unpinned` (a planted fault): the game talks to the proxy as a local `http://` server, which the SDK allows without
 * pins — the swap then reaches the purchase, and the second row must fail.
 * @param {import('./abuse-server.mjs').AbuseServer} server
 * @param {{ unpinned?: boolean }} [options]
 * @returns {Promise<import('./abuse-row.mjs').AbuseRow[]>}
 */
export async function runKeySwap(server, { unpinned = false } = {}) {
  const core = await loadCore();
  const proxy = await startFaultProxy(server.url);
  const owner = bearer(server.serverKey);
  let proxied = 0;
  proxy.plan = (request) => {
    proxied += 1;
    if (request.url.startsWith('/v1/keys')) return { answer: () => ({ replace: attackerJwks() }) };
    if (!resultBillId(request.url)) return {};
    return {
      before: () => notified,
      answer: (status, body) => {
        if (status !== 200) return 'pass';
        const answer = JSON.parse(body);
        const { claims } = splitJws(answer.result);
        const forged = signAsAttacker(
          { alg: 'ES256', kid: 'k-attacker', typ: 'coinslot-result+jws' },
          { ...claims, state: 'paid', failureReason: null, kid: 'k-attacker' },
        );
        return { replace: JSON.stringify({ ...answer, state: 'paid', settled: true, result: forged }) };
      },
    };
  };
  const channel = new ChannelServer(() => server.url);
  /** @type {Promise<void>} */
  let notified = Promise.resolve();
  let billId = '';
  let grants = 0;
  /** @type {typeof fetch} */
  const viaProxy = (input, init) =>
    input instanceof Request
      ? fetch(new Request(input.url.replace(REMOTE, proxy.url), input), init)
      : fetch(String(input).replace(REMOTE, proxy.url), init);
  /** @param {Record<string, unknown>} extra */
  const game = (extra) =>
    core.createCoinslot({
      server: unpinned ? proxy.url : REMOTE,
      channels: {
        sandbox: async () =>
          core.defineChannel({
            specVersion: 1,
            id: 'sandbox',
            resultSource: 'server',
            isAvailable: () => true,
            capabilities: { platforms: ['node'], presentations: ['headless'], needsUserGesture: false },
            async pay(ctx) {
              billId = ctx.bill.id;
              notified = channel.notify({
                billId,
                decision: 'decline',
                amount: ctx.bill.amount,
                currency: ctx.bill.currency,
              });
              return { kind: 'launched' };
            },
          }),
      },
      storage: core.createMemoryStorage(),
      platform: 'node',
      waitSeconds: 1,
      defaultDeadlineMs: 10_000,
      recoverOnReady: false,
      fetch: viaProxy,
      getPlayerToken: () => server.mint(PLAYER),
      grant: async () => void (grants += 1),
      ...extra,
    });
  const describe = (/** @type {any} */ error) =>
    error && typeof error === 'object' && 'code' in error ? String(error.code) : String(error);
  const rows = [];
  try {
    let refused;
    try {
      game({}).dispose?.();
      refused = 'accepted';
    } catch (error) {
      refused = describe(error);
    }
    const firstChanged = proxied > 0 ? [`${proxied} requests reached the proxy`] : [];
    rows.push({
      kind: 'keys',
      name: 'key swap over http://: the SDK on a non-local http:// server, no pinned keys',
      expected: 'INVALID_OPTIONS, nothing sent',
      got: refused === 'accepted' ? 'accepted' : `${refused}, ${proxied} sent`,
      changed: firstChanged,
      ok: refused === 'INVALID_OPTIONS' && proxied === 0,
    });

    const { keys } = await getJson(server.url, '/v1/keys');
    const coinslot = game(unpinned ? {} : { trustedKeys: keys });
    const outcome = await coinslot
      .purchase({ channel: 'sandbox', itemId: 'coins-100', quantity: 1, amount: 99, currency: 'USD' })
      .then(
        (result) => `${result.status}${result.granted ? '+granted' : ''}`,
        (error) => (process.env.FAULTS_DEBUG && console.error(error), `error:${describe(error)}`),
      );
    await notified;
    const state = billId ? (await getJson(server.url, `/v1/bills/${billId}`, owner)).bill.state : 'no bill';
    const changed = [
      ...(state === 'failed' ? [] : [`the bill is ${state}`]),
      ...(grants > 0 ? [`granted ${grants}×`] : []),
    ];
    rows.push({
      kind: 'keys',
      name: 'key swap over http://: pinned keys, a declined payment, /v1/keys and the result swapped',
      expected: 'error:RESULT_REJECTED, 0 granted, bill failed',
      got: `${outcome}, ${grants} granted, bill ${state}`,
      changed,
      ok: outcome === 'error:RESULT_REJECTED' && grants === 0 && state === 'failed',
    });
  } finally {
    await proxy.close();
  }
  return rows;
}
