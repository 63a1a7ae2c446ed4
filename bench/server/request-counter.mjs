// @ts-check

/**
 * @typedef {object} RequestCounts
 * @property {number} total every request
 * @property {number} resultsHeld `/result` requests in progress now (held waits, for the memory figure)
 * @property {number} results `/result` requests so far (a hold that ends "still pending" is asked again: the re-asks)
 * @property {Record<string, { results: number, reads: number }>} perBill only with `perBill`
 */

const BILL_PATH = /^\/v1\/bills\/([^/?]+)(\/result)?(?:\?|$)/;

/**
 * Wraps the pay server's handler to count requests; the only work it adds to a request is one regular
 * expression and, for `/result`, a `finally`. Per-bill counts (for the requests-per-purchase check) are
 * kept only when asked for.
 * @param {(request: Request) => Promise<Response>} handle
 * @param {{ perBill: boolean }} options
 */
export function countRequests(handle, { perBill }) {
  /** @type {RequestCounts} */
  const counts = { total: 0, resultsHeld: 0, results: 0, perBill: {} };
  /** @param {Request} request */
  const counted = (request) => {
    counts.total += 1;
    const path = request.url.slice(request.url.indexOf('/', 8));
    const match = request.method === 'GET' ? BILL_PATH.exec(path) : null;
    if (!match) return handle(request);
    if (perBill) {
      const bill = (counts.perBill[/** @type {string} */ (match[1])] ??= { results: 0, reads: 0 });
      if (match[2]) bill.results += 1;
      else bill.reads += 1;
    }
    if (!match[2]) return handle(request);
    counts.results += 1;
    counts.resultsHeld += 1;
    return handle(request).finally(() => (counts.resultsHeld -= 1));
  };
  return { counted, counts };
}

/**
 * The same store, counting `getBill` per bill — for the requests-per-purchase check only (the latency phases
 * use the store bare). Every other method goes straight to `store`, whatever the interface grows.
 * @param {import('@coinslot/server').BillStore} store
 */
export function countingStore(store) {
  /** @type {Record<string, number>} */
  const reads = {};
  const getBill = (/** @type {string} */ id) => {
    reads[id] = (reads[id] ?? 0) + 1;
    return store.getBill(id);
  };
  /** @type {import('@coinslot/server').BillStore} */
  const counted = new Proxy(store, {
    get(target, name) {
      if (name === 'getBill') return getBill;
      const value = Reflect.get(target, name);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return { counted, reads };
}
