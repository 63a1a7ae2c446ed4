// @ts-check

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
