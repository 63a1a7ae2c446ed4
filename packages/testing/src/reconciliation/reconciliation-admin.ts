/**
 * A reconciliation as the admin API answers it (`POST /v1/admin/reconciliations`, docs/reconciliation.md): the run
 * and its items, with the fields a channel's reconciliation test reads.
 */
export interface ReconciliationAnswer {
  reconciliation: {
    /** `rec_…`. */
    id: string;
    channel: string;
    /** The settlement day, `YYYY-MM-DD` in {@link timeZone}. */
    date: string;
    /** The channel's settlement time zone (IANA name). */
    timeZone: string;
    /** Where the lines came from: the driver's `fetchSettlement` or an uploaded file. */
    source: 'fetch' | 'upload';
    /** Settlement lines read. */
    lines: number;
    /** Items that are mismatches. */
    mismatches: number;
  };
  items: {
    /** The bill's id; `null` for a line naming no bill. */
    billId: string | null;
    /** `matched`, `deferred`, `missing-at-channel`, `missing-here`, `amount-mismatch`, `currency-mismatch` or `state-mismatch`. */
    kind: string;
    /** The channel's transaction number from the lines, when they carry one. */
    channelTradeNo: string | null;
    /** This day's payments, refunds and chargebacks for it (minor units). */
    channelPaid: number;
    channelRefunded: number;
    channelChargedBack: number;
    /** Why it got its kind, in words. */
    detail: string;
  }[];
}

/** A pay server's admin API, with one admin key, as a channel's reconciliation test calls it. */
export interface ReconciliationAdmin {
  /** `fetch` of `path` on the server with `authorization: Bearer <adminKey>` added to `init`'s headers. */
  request(path: string, init?: RequestInit): Promise<Response>;
  /** `POST /v1/admin/reconciliations`: the server fetches `channel`'s settlement of `date` through its driver. */
  reconcileDay(channel: string, date: string): Promise<Response>;
  /** `POST /v1/admin/reconciliations/upload`: reconciles `channel`'s day `date` from a settlement file an admin saved. */
  upload(channel: string, date: string, file: Uint8Array<ArrayBuffer> | string): Promise<Response>;
}

/**
 * The admin API of the pay server at `serverUrl` for a channel's reconciliation tests. `serverUrl` may be a function,
 * read at each call, for a server started in `beforeAll`.
 *
 * @example
 * const admin = reconciliationAdmin(() => stack.url, ADMIN_KEY);
 * const run = (await (await admin.reconcileDay('alipay', date)).json()) as ReconciliationAnswer;
 * expect(itemKinds(run)).toEqual({ [paid]: 'matched', [unseen]: 'missing-here' });
 */
export function reconciliationAdmin(serverUrl: string | (() => string), adminKey: string): ReconciliationAdmin {
  const request = (path: string, init: RequestInit = {}) => {
    const headers = { authorization: `Bearer ${adminKey}`, ...(init.headers as Record<string, string>) };
    return fetch(`${typeof serverUrl === 'string' ? serverUrl : serverUrl()}${path}`, { ...init, headers });
  };
  return {
    request,
    reconcileDay: (channel, date) =>
      request('/v1/admin/reconciliations', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ channel, date }),
      }),
    upload: (channel, date, file) =>
      request(`/v1/admin/reconciliations/upload?channel=${channel}&date=${date}`, { method: 'POST', body: file }),
  };
}

/** Each item's kind by its bill id (`null` for a line naming no bill), the shape a test compares whole. */
export function itemKinds(run: Pick<ReconciliationAnswer, 'items'>): Record<string, string> {
  return Object.fromEntries(run.items.map((item) => [item.billId, item.kind]));
}
