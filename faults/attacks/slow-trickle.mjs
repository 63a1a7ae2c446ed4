// @ts-check
import { connect } from 'node:net';
import { count } from './abuse-row.mjs';
import { floodRequest } from './flood-requests.mjs';
import { dumpStore } from './state-snapshot.mjs';

/** The default header and request timeouts (docs/server-config.md, Limits), and the ≤ 5 s the server checks them in. */
const HEADERS_S = 10;
const REQUEST_S = 30;
const CHECK_S = 5;

/**
 * One connection that sends `head` then `body` one byte a second, until the server answers or closes; answers how
 * long it stayed open and the status line it got (if any).
 * @param {URL} url
 * @param {string} head
 * @param {string} body
 * @returns {Promise<{ seconds: number, status: string }>}
 */
function trickle(url, head, body) {
  const started = Date.now();
  return new Promise((resolve) => {
    const socket = connect(Number(url.port), url.hostname);
    let got = '';
    /** @type {NodeJS.Timeout | undefined} */
    let timer;
    const bytes = [...body];
    const drip = () => {
      const byte = bytes.shift();
      if (byte !== undefined && !socket.destroyed) socket.write(byte);
      timer = setTimeout(drip, 1000);
    };
    socket.on('connect', () => (head ? socket.write(head, drip) : drip()));
    socket.on('data', (chunk) => (got += chunk));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearTimeout(timer);
      resolve({
        seconds: (Date.now() - started) / 1000,
        status: /^HTTP\/1\.1 (\d+)/.exec(got)?.[1] ?? 'closed, no answer',
      });
    });
    // A connection still open long after both timeouts is a finding; end it here.
    setTimeout(() => socket.destroy(), (REQUEST_S + 3 * CHECK_S) * 1000);
  });
}

/**
 * Slow-trickle connections: `headers` connections sending their request headers one byte a second, and `bodies`
 * connections sending a create's body one byte a second after complete headers (each its own player). Each must be
 * answered `408` and closed by the header timeout (10 s, checked every ≤ 5 s) or the request timeout (30 s); a real
 * request meanwhile still answers at once; nothing is stored.
 * @param {import('./abuse-server.mjs').AbuseServer} server
 * @param {{ headers: number, bodies: number }} sizes
 * @returns {Promise<import('./abuse-row.mjs').AbuseRow[]>}
 */
export async function slowTrickle(server, { headers, bodies }) {
  const url = new URL(server.url);
  const before = JSON.stringify(dumpStore(server.dataDir));
  const body = JSON.stringify({ itemId: 'coins-100', quantity: 1, amount: 99, currency: 'USD', channel: 'sandbox' });
  const tokens = await Promise.all(Array.from({ length: bodies }, (_, i) => server.mint(`trickle-player-${i}`)));
  const slowHeaders = Array.from({ length: headers }, () =>
    trickle(url, '', `GET /v1/keys HTTP/1.1\r\nHost: ${url.host}\r\nX-Slow: ${'x'.repeat(60)}\r\n\r\n`),
  );
  const slowBodies = tokens.map((token, i) => {
    const head = [
      `POST /v1/bills HTTP/1.1`,
      `Host: ${url.host}`,
      'Content-Type: application/json',
      `Content-Length: ${body.length}`,
      `Idempotency-Key: trickle-${i}-0123456789`,
      `Authorization: Bearer ${token}`,
    ];
    return trickle(url, `${head.join('\r\n')}\r\n\r\n`, body);
  });
  await new Promise((resolve) => setTimeout(resolve, 2000));
  const during = await floodRequest(`${server.url}/v1/keys`);
  const rows = [];
  for (const [name, sockets, limit] of /** @type {const} */ ([
    [`slow-trickle connections: ${count(headers)} sending headers 1 byte/s`, slowHeaders, HEADERS_S],
    [`slow-trickle connections: ${count(bodies)} sending a body 1 byte/s`, slowBodies, REQUEST_S],
  ])) {
    const ends = await Promise.all(sockets);
    const longest = Math.max(...ends.map((e) => e.seconds));
    const answered = ends.filter((e) => e.status === '408').length;
    const statuses = new Map();
    for (const e of ends) statuses.set(e.status, (statuses.get(e.status) ?? 0) + 1);
    const after = JSON.stringify(dumpStore(server.dataDir));
    const changed = after === before ? [] : ['store: changed'];
    rows.push({
      kind: 'limits',
      name,
      expected: `each 408 and closed within ${limit + CHECK_S} s; a real request meanwhile: 200`,
      got: `${[...statuses].map(([status, n]) => `${n} × ${status}`).join(', ')}, longest open ${longest.toFixed(1)} s; a real request meanwhile: ${during.status} in ${during.ms} ms`,
      changed,
      ok: answered === ends.length && longest <= limit + CHECK_S + 1 && during.status === 200 && changed.length === 0,
    });
  }
  return rows;
}
