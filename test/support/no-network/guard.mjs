// @ts-check
/**
 * The no-network guard of the test suite: after `installNoNetworkGuard()`, this Node process refuses every TCP
 * connection and every DNS query that could leave the machine, with an error naming the destination, and records
 * the attempt (in memory, and in the file named by COINSLOT_NO_NETWORK_LOG for the test run that started it), so a
 * test that swallows the error still fails. Loopback stays open (see loopback.mjs).
 *
 * One choke point covers the TCP clients: `net.connect`, `net.createConnection`, `tls.connect`, `http(s).request`
 * and `fetch` (undici) all connect through `net.Socket.prototype.connect`. The refusal arrives as the socket's
 * 'error' event, as a refused connection would, so every client reports it its usual way (fetch: "fetch failed"
 * with this error as its cause). DNS: `dns.lookup` (getaddrinfo) is refused for any name but localhost, and the
 * c-ares queries (`dns.resolve*`, `dns.reverse`, both Resolver classes) always, since they ask the DNS servers.
 * Not covered: UDP sockets (`dgram`), and processes that are not Node (curl, Python).
 */
import dns from 'node:dns';
import { syncBuiltinESMExports } from 'node:module';
import net from 'node:net';
import { recordAttempt } from './attempt-record.mjs';
import { isLoopbackHost } from './loopback.mjs';

/** The `code` of the refusal error. */
export const NO_NETWORK_CODE = 'ECOINSLOT_NO_NETWORK';

/**
 * @param {string} host
 * @param {unknown} port
 * @param {string} via
 */
function refuse(host, port, via) {
  const shownHost = host.includes(':') ? `[${host}]` : host;
  const destination = port === undefined || port === null || port === '' ? host : `${shownHost}:${port}`;
  recordAttempt({ destination, via, pid: process.pid });
  const error = new Error(
    `Coinslot tests must not reach ${destination} (${via}): only loopback (127.0.0.1, ::1, localhost) is allowed — point the client at a loopback server or emulator (test/support/no-network)`,
  );
  return Object.assign(error, { code: NO_NETWORK_CODE });
}

/**
 * Where a `Socket#connect` call goes, from any of its argument forms (`net.connect` passes its normalized array);
 * undefined for a Unix socket path or a file descriptor.
 * @param {unknown[]} args
 * @returns {{ host: string, port: unknown } | undefined}
 */
function connectTarget(args) {
  const [first, second] = Array.isArray(args[0]) ? args[0] : args;
  if (first !== null && typeof first === 'object') {
    const options = /** @type {{ host?: string, port?: unknown, path?: string, fd?: number }} */ (first);
    if (options.path || typeof options.fd === 'number') return undefined; // http passes path: null
    return { host: options.host ?? 'localhost', port: options.port };
  }
  if (typeof first === 'string' && !/^\d+$/.test(first)) return undefined;
  return { host: typeof second === 'string' ? second : 'localhost', port: first };
}

function guardSockets() {
  const connect = net.Socket.prototype.connect;
  /** @this {net.Socket} @param {unknown[]} args */
  function guardedConnect(...args) {
    const target = connectTarget(args);
    if (target === undefined || isLoopbackHost(target.host)) return Reflect.apply(connect, this, args);
    const error = refuse(target.host, target.port, 'connect');
    process.nextTick(() => this.destroy(error));
    return this;
  }
  net.Socket.prototype.connect = /** @type {typeof connect} */ (guardedConnect);
}

/** @param {unknown} hostname */
const lookupAllowed = (hostname) =>
  typeof hostname !== 'string' || net.isIP(hostname) !== 0 || isLoopbackHost(hostname);

function guardLookup() {
  const lookup = dns.lookup;
  /** @param {unknown[]} args */
  function guardedLookup(...args) {
    if (lookupAllowed(args[0])) return Reflect.apply(lookup, dns, args);
    const error = refuse(String(args[0]), undefined, 'dns.lookup');
    const callback = args.at(-1);
    if (typeof callback !== 'function') throw error;
    process.nextTick(callback, error);
    return {};
  }
  dns.lookup = /** @type {typeof lookup} */ (/** @type {unknown} */ (guardedLookup));
  const lookupPromise = dns.promises.lookup;
  /** @param {unknown[]} args */
  function guardedLookupPromise(...args) {
    if (lookupAllowed(args[0])) return Reflect.apply(lookupPromise, dns.promises, args);
    return Promise.reject(refuse(String(args[0]), undefined, 'dns.promises.lookup'));
  }
  dns.promises.lookup = /** @type {typeof lookupPromise} */ (guardedLookupPromise);
}

const QUERIES = ['resolve', 'resolve4', 'resolve6', 'resolveAny', 'resolveCaa', 'resolveCname', 'resolveMx'].concat([
  'resolveNaptr',
  'resolveNs',
  'resolvePtr',
  'resolveSoa',
  'resolveSrv',
  'resolveTxt',
  'reverse',
]);

/**
 * @param {Record<string, unknown>} target
 * @param {string} prefix
 * @param {'callback' | 'promise'} style
 */
function refuseQueries(target, prefix, style) {
  for (const name of QUERIES) {
    if (typeof target[name] !== 'function') continue;
    target[name] = (/** @type {unknown[]} */ ...args) => {
      const error = refuse(String(args[0]), undefined, `${prefix}.${name}`);
      if (style === 'promise') return Promise.reject(error);
      const callback = args.at(-1);
      if (typeof callback !== 'function') throw error;
      process.nextTick(callback, error);
      return undefined;
    };
  }
}

function guardQueries() {
  refuseQueries(/** @type {never} */ (dns), 'dns', 'callback');
  refuseQueries(/** @type {never} */ (dns.Resolver.prototype), 'dns.Resolver', 'callback');
  refuseQueries(/** @type {never} */ (dns.promises), 'dns.promises', 'promise');
  refuseQueries(/** @type {never} */ (dns.promises.Resolver.prototype), 'dns.promises.Resolver', 'promise');
}

const INSTALLED = Symbol.for('coinslot.no-network-guard');

/** Patch this process's `net` and `dns` (once per process; later calls do nothing). */
export function installNoNetworkGuard() {
  const holder = /** @type {{ [INSTALLED]?: true }} */ (globalThis);
  if (holder[INSTALLED]) return;
  holder[INSTALLED] = true;
  guardSockets();
  guardLookup();
  guardQueries();
  syncBuiltinESMExports(); // `import { lookup } from 'node:dns'` sees the guarded function too
}
