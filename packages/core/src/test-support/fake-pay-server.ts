import {
  isIdempotencyKey,
  isNonce,
  isSettledState,
  type Bill,
  type BillState,
  type CreateBillBody,
} from '@coinslot/protocol';
import { http, HttpResponse, type HttpHandler } from 'msw';
import { fakeBillToken, fakeIdentity, ownerOf, refusedAccess } from './fake-auth.js';
import { createResultSigner, resultPayload, type ResultSigner } from './result-signer.js';

/** The base URL the fake pay server answers on. */
export const SERVER = 'https://pay.test';

/** A request the fake server received. */
export interface RecordedRequest {
  method: string;
  path: string;
  search: URLSearchParams;
  headers: Headers;
  body: unknown;
}

/** An in-memory protocol v1 pay server on msw: bills, held waits, signed results, report, cancel, deliver, listing. */
export interface FakePayServer {
  handlers: HttpHandler[];
  bills: Map<string, Bill>;
  requests: RecordedRequest[];
  signer: ResultSigner;
  /** Store a result (as a channel notification would) and wake every wait on the bill. */
  settle(billId: string, state: BillState, failureReason?: string): void;
  /**
   * Reverse a paid (or delivered, or partly refunded) bill's payment, as a channel's refund or chargeback notification
   * would: `refunded` with the running total `refundedAmount` (default: the whole amount), or `charged_back`.
   */
  reverse(billId: string, state: 'refunded' | 'charged_back', refundedAmount?: number): void;
  /** Build the signed result of one wait answer; replace it to serve forged or broken results. */
  signResult(bill: Bill, nonce: string): Promise<string>;
  /** Requests to a path, e.g. `requestsTo('POST', '/v1/bills')`. */
  requestsTo(method: string, path: string | RegExp): RecordedRequest[];
  /**
   * Check `Authorization` as the reference server does from now on: every bill endpoint needs the bill's token or its
   * player's token, creating and listing a player token. `players` maps each accepted player token to its player id;
   * delete a token from it to make it expire. Without this call the fake takes no credentials, like a server in
   * development mode.
   */
  requireAuth(players: Map<string, string>): void;
}

const envelope = (status: number, code: string, extra: Record<string, unknown> = {}) =>
  HttpResponse.json({ error: { code, message: code.toLowerCase(), retryable: false, ...extra } }, { status });

/** Create the fake server; register `fake.handlers` with the test's msw server. */
export async function createFakePayServer(): Promise<FakePayServer> {
  const signer = await createResultSigner();
  const bills = new Map<string, Bill>();
  const idempotency = new Map<string, string>();
  const waiters = new Map<string, Set<() => void>>();
  const requests: RecordedRequest[] = [];
  let players: Map<string, string> | undefined;
  let next = 1;

  const fake: FakePayServer = {
    handlers: [],
    bills,
    requests,
    signer,
    settle(billId, state, failureReason) {
      const bill = bills.get(billId)!;
      Object.assign(bill, { state, updatedAt: Date.now() }, failureReason ? { failureReason } : {});
      if (state === 'paid') bill.paidAt = Date.now();
      for (const wake of waiters.get(billId) ?? []) wake();
    },
    reverse(billId, state, refundedAmount) {
      const bill = bills.get(billId)!;
      if (state === 'refunded') bill.refundedAmount = refundedAmount ?? bill.amount;
      else delete bill.refundedAmount;
      fake.settle(billId, state);
    },
    signResult: (bill, nonce) =>
      signer.sign(
        resultPayload({
          ...bill,
          billId: bill.id,
          nonce,
          kid: signer.publicKey.kid,
          failureReason: bill.failureReason ?? null,
          passThrough: bill.passThrough ?? null,
        }),
      ),
    requestsTo: (method, path) =>
      requests.filter((r) => r.method === method && (typeof path === 'string' ? r.path === path : path.test(r.path))),
    requireAuth: (accepted) => void (players = accepted),
  };

  const record = async (request: Request): Promise<void> => {
    const url = new URL(request.url);
    const text = request.method === 'GET' ? '' : await request.clone().text();
    requests.push({
      method: request.method,
      path: url.pathname,
      search: url.searchParams,
      headers: request.headers,
      body: text ? JSON.parse(text) : undefined,
    });
  };
  const withBill = (request: Request, id: unknown, answer: (bill: Bill) => Response | Promise<Response>) => {
    const bill = bills.get(String(id));
    if (!bill) return envelope(404, 'BILL_NOT_FOUND');
    return (players && refusedAccess(fakeIdentity(request, players), bill)) ?? answer(bill);
  };
  // The player a create or a listing is for: the one claimed, or with auth the token's (a Response refuses).
  const ownerFor = (request: Request, claimed: string | null | undefined) =>
    players ? ownerOf(fakeIdentity(request, players), claimed) : claimed;
  const hold = (billId: string, seconds: number) =>
    new Promise<void>((resolve) => {
      const set = waiters.get(billId) ?? new Set();
      waiters.set(billId, set);
      const done = (): void => {
        clearTimeout(timer);
        set.delete(done);
        resolve();
      };
      const timer = setTimeout(done, seconds * 1000);
      set.add(done);
    });

  fake.handlers = [
    http.all(`${SERVER}/*`, async ({ request }) => void (await record(request))),
    http.get(`${SERVER}/v1/keys`, () => HttpResponse.json({ keys: [signer.publicKey] })),
    http.post(`${SERVER}/v1/bills`, async ({ request }) => {
      const key = request.headers.get('idempotency-key');
      if (!isIdempotencyKey(key)) return envelope(400, 'MISSING_IDEMPOTENCY_KEY');
      const body = (await request.json()) as CreateBillBody;
      const userId = ownerFor(request, body.userId);
      if (userId instanceof Response) return userId;
      if (!userId) return envelope(400, 'MISSING_FIELD', { field: 'userId' });
      const replay = idempotency.get(key);
      const launch = (id: string) => ({ checkoutUrl: `${SERVER}/v1/fake/checkout/${id}` });
      if (replay)
        return HttpResponse.json(
          { bill: bills.get(replay), launch: launch(replay), billToken: fakeBillToken(replay) },
          { status: 200 },
        );
      const now = Date.now();
      const bill: Bill = {
        ...body,
        userId,
        id: `b_${next++}`,
        appId: 'default',
        state: 'created',
        createdAt: now,
        updatedAt: now,
        expiresAt: now + 900_000,
      };
      bills.set(bill.id, bill);
      idempotency.set(key, bill.id);
      return HttpResponse.json({ bill, launch: launch(bill.id), billToken: fakeBillToken(bill.id) }, { status: 201 });
    }),
    http.get(`${SERVER}/v1/bills`, ({ request }) => {
      const search = new URL(request.url).searchParams;
      const user = ownerFor(request, search.get('user'));
      if (user instanceof Response) return user;
      if (!user) return envelope(400, 'MISSING_FIELD', { field: 'user' });
      const state = search.get('state') ?? 'paid';
      return HttpResponse.json({
        bills: [...bills.values()].filter((b) => b.userId === user && b.state === state).slice(0, 100),
      });
    }),
    http.get(`${SERVER}/v1/bills/:id`, ({ params, request }) =>
      withBill(request, params.id, (bill) => HttpResponse.json({ bill })),
    ),
    http.get(`${SERVER}/v1/bills/:id/result`, ({ params, request }) =>
      withBill(request, params.id, async (bill) => {
        const url = new URL(request.url);
        const nonce = url.searchParams.get('nonce') ?? '';
        if (!isNonce(nonce)) return envelope(400, 'INVALID_FIELD', { field: 'nonce' });
        const wait = Math.min(Number(url.searchParams.get('wait') ?? 0), 25);
        if (!isSettledState(bill.state) && wait > 0) await hold(bill.id, wait);
        return HttpResponse.json({
          state: bill.state,
          settled: isSettledState(bill.state),
          result: await fake.signResult(bill, nonce),
        });
      }),
    ),
    http.post(`${SERVER}/v1/bills/:id/report`, ({ params, request }) =>
      withBill(request, params.id, async (bill) => {
        const { proof } = (await request.json()) as { proof: { valid?: boolean } };
        if (bill.state === 'paid') return HttpResponse.json({ bill });
        if (bill.state !== 'created') return envelope(409, 'INVALID_TRANSITION', { state: bill.state });
        if (proof.valid !== true) return envelope(400, 'INVALID_PROOF');
        fake.settle(bill.id, 'paid');
        return HttpResponse.json({ bill });
      }),
    ),
    http.post(`${SERVER}/v1/bills/:id/launch`, ({ params, request }) =>
      withBill(request, params.id, (bill) => {
        if (bill.state === 'created' && bill.launchedAt === undefined) Object.assign(bill, { launchedAt: Date.now() });
        return HttpResponse.json({ bill });
      }),
    ),
    http.post(`${SERVER}/v1/bills/:id/cancel`, ({ params, request }) =>
      withBill(request, params.id, (bill) => {
        if (bill.state === 'created') fake.settle(bill.id, 'cancelled');
        return bill.state === 'cancelled'
          ? HttpResponse.json({ bill })
          : envelope(409, 'INVALID_TRANSITION', { state: bill.state });
      }),
    ),
    http.post(`${SERVER}/v1/bills/:id/deliver`, ({ params, request }) =>
      withBill(request, params.id, (bill) => {
        const alreadyDelivered = bill.state === 'delivered';
        if (bill.state !== 'paid' && !alreadyDelivered)
          return envelope(409, 'INVALID_TRANSITION', { state: bill.state });
        if (!alreadyDelivered) Object.assign(bill, { state: 'delivered', deliveredAt: Date.now() });
        return HttpResponse.json({ bill, alreadyDelivered });
      }),
    ),
  ];
  return fake;
}
