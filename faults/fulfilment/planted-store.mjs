// @ts-check

/** The event types whose loss the rows notice: a grant, or a reversal. */
const WATCHED = ['bill.paid', 'bill.refunded', 'bill.charged_back'];
/** Every this-many-th claim of a watched type is lost (the first one included). */
const EVERY = 5;

/**
 * The planted fault `lost-event`: the store's outbox marks some events `sent` when the dispatcher claims them, and
 * never hands them over — an outbox that drops events, or a dispatcher that records "sent" without sending. The 1st,
 * 6th, 11th… claim of a `bill.paid` and of a reversal event are lost (counted apart, so every row loses both kinds);
 * `GET /v1/events` still lists them. Every other method goes straight to `store`.
 * @template {import('@coinslot/server').BillStore} S
 * @param {S} store
 * @returns {S}
 */
export function losingEvents(store) {
  let paidClaims = 0;
  let reversalClaims = 0;
  /** @type {import('@coinslot/server').EventOutbox['claimDueEvents']} */
  const claimDueEvents = async (now, leaseUntil, limit) => {
    const due = await store.claimDueEvents(now, leaseUntil, limit);
    const kept = [];
    for (const event of due) {
      const watched = WATCHED.indexOf(event.type);
      const claim = watched < 0 ? -1 : watched === 0 ? paidClaims++ : reversalClaims++;
      if (claim >= 0 && claim % EVERY === 0) await store.recordDispatch(event.seq, { state: 'sent' });
      else kept.push(event);
    }
    return kept;
  };
  return new Proxy(store, {
    get(target, name) {
      if (name === 'claimDueEvents') return claimDueEvents;
      const value = Reflect.get(target, name, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
