import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { CoinslotError } from '../errors/coinslot-error.js';
import { PayServerError } from '../errors/pay-server-error.js';
import { SERVER } from '../test-support/fake-pay-server.js';
import { advancing, useFakeClock } from '../test-support/fake-clock.js';
import { useFakePayServer } from '../test-support/msw-server.js';
import { createPayServerClient } from './pay-server-client.js';

const { server } = useFakePayServer();
useFakeClock();
const body = { userId: 'player-42', itemId: 'gem', quantity: 1, amount: 499, currency: 'USD', channel: 'fake' };
const signal = new AbortController().signal;
const noJournal = async () => undefined;
const client = (retryLimit = 3) => createPayServerClient({ server: SERVER, retryLimit, storedBillToken: noJournal });
const error = (status: number, code: string, retryable = false) =>
  HttpResponse.json({ error: { code, message: code, retryable } }, { status });

/** Answer the first `failures.length` POST /v1/bills with these, then let the fake server create the bill. */
function failCreate(...failures: Array<() => Response>): string[] {
  const keys: string[] = [];
  server.use(
    http.post(`${SERVER}/v1/bills`, ({ request }) => {
      keys.push(request.headers.get('idempotency-key') ?? '');
      return failures[keys.length - 1]?.();
    }),
  );
  return keys;
}

describe('pay-server client', () => {
  it('retries a 5xx and a network error with the same Idempotency-Key, creating one bill', async () => {
    const keys = failCreate(
      () => error(500, 'INTERNAL', true),
      () => HttpResponse.error(),
      () => error(503, 'UNAVAILABLE', true),
    );
    const { bill } = await advancing(client().createBill(body, 'key-0123456789', signal));
    expect(bill.state).toBe('created');
    expect(keys).toEqual(Array(4).fill('key-0123456789'));
  });

  it('honours Retry-After on 429', async () => {
    const keys = failCreate(
      () =>
        new HttpResponse(JSON.stringify({ error: { code: 'RATE_LIMITED', message: 'slow', retryable: true } }), {
          status: 429,
          headers: { 'Retry-After': '1' },
        }),
    );
    const started = Date.now();
    await advancing(client().createBill(body, 'key-0123456789', signal));
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(keys).toHaveLength(2);
  });

  it('never retries another 4xx, and maps the envelope to PayServerError', async () => {
    const keys = failCreate(() =>
      HttpResponse.json(
        { error: { code: 'INVALID_FIELD', message: 'amount is bad', retryable: false, field: 'amount' } },
        { status: 400 },
      ),
    );
    const caught = await client()
      .createBill(body, 'key-0123456789', signal)
      .catch((e: unknown) => e);
    expect(keys).toHaveLength(1);
    expect(CoinslotError.isInstance(caught)).toBe(true);
    expect(caught).toMatchObject({
      name: 'PayServerError',
      code: 'PAY_SERVER_ERROR',
      serverCode: 'INVALID_FIELD',
      status: 400,
      field: 'amount',
      retryable: false,
    });
  });

  it('retries 409 only when the envelope says retryable (IDEMPOTENCY_KEY_IN_USE)', async () => {
    const keys = failCreate(() => error(409, 'IDEMPOTENCY_KEY_IN_USE', true));
    await advancing(client().createBill(body, 'key-0123456789', signal));
    expect(keys).toHaveLength(2);
    server.use(http.post(`${SERVER}/v1/bills/:id/cancel`, () => error(409, 'INVALID_TRANSITION')));
    await expect(client().cancel('b_1', undefined, signal)).rejects.toMatchObject({ serverCode: 'INVALID_TRANSITION' });
  });

  it("carries the envelope's state of a 409 INVALID_TRANSITION, and only a real bill state", async () => {
    const transition = (state: unknown) => () =>
      HttpResponse.json(
        {
          error: {
            code: 'INVALID_TRANSITION',
            message: `cannot cancel a bill in state ${String(state)}`,
            retryable: false,
            state,
          },
        },
        { status: 409 },
      );
    server.use(http.post(`${SERVER}/v1/bills/:id/cancel`, transition('paid')));
    await expect(client().cancel('b_1', undefined, signal)).rejects.toMatchObject({
      serverCode: 'INVALID_TRANSITION',
      state: 'paid',
    });
    server.use(http.post(`${SERVER}/v1/bills/:id/cancel`, transition('bogus')));
    await expect(client().cancel('b_1', undefined, signal)).rejects.toMatchObject({
      serverCode: 'INVALID_TRANSITION',
      state: undefined,
    });
  });

  it('gives up after the retry limit with a retryable NETWORK_ERROR', async () => {
    const keys = failCreate(...Array(5).fill(() => HttpResponse.error()));
    await expect(advancing(client(1).createBill(body, 'key-0123456789', signal))).rejects.toMatchObject({
      code: 'NETWORK_ERROR',
      retryable: true,
    });
    expect(keys).toHaveLength(2);
  });

  it('maps an answer without an envelope to an HTTP_<status> PayServerError', async () => {
    server.use(http.get(`${SERVER}/v1/bills/:id`, () => new HttpResponse('<h1>Bad gateway</h1>', { status: 502 })));
    const caught = await client(0)
      .getBill('b_1', signal)
      .catch((e: unknown) => e);
    expect(caught).toBeInstanceOf(PayServerError);
    expect(caught).toMatchObject({ serverCode: 'HTTP_502', retryable: true });
  });

  it('uses the fetch it is given, and stops when the signal aborts', async () => {
    const seen: string[] = [];
    const custom = createPayServerClient({
      server: `${SERVER}/`,
      retryLimit: 0,
      storedBillToken: noJournal,
      fetch: (input, init) => (seen.push(new Request(input, init).url), fetch(input, init)),
    });
    await custom.getKeys();
    expect(seen).toEqual([`${SERVER}/v1/keys`]);
    const controller = new AbortController();
    controller.abort();
    await expect(custom.getBill('b_1', controller.signal)).rejects.toMatchObject({ code: 'ABORTED' });
  });

  it('takes an unsigned "still pending" only when it asked for one, and only for an open bill', async () => {
    let body: Record<string, unknown> = {};
    server.use(http.get(`${SERVER}/v1/bills/:id/result`, () => HttpResponse.json(body)));
    const api = client(0);
    body = { state: 'created', settled: false };
    await expect(api.waitResult('bill_1', 25, 'nonce-1', signal, undefined, 'unsigned')).resolves.toEqual(body);
    await expect(api.waitResult('bill_1', 25, 'nonce-1', signal)).rejects.toThrow(/is malformed/);
    for (const unsignedClaim of [
      { state: 'paid', settled: true },
      { state: 'created', settled: true },
      { state: 'created' },
    ]) {
      body = unsignedClaim;
      await expect(api.waitResult('bill_1', 25, 'nonce-1', signal, undefined, 'unsigned')).rejects.toThrow(
        /is malformed/,
      );
    }
  });

  it('sends each query as the protocol names it, leaving out what is not given', async () => {
    const asked: string[] = [];
    const seen = ({ request }: { request: Request }) => {
      const url = new URL(request.url);
      asked.push(`${url.pathname}${url.search}`);
      return HttpResponse.json(
        { error: { code: 'BILL_NOT_FOUND', message: 'none', retryable: false } },
        { status: 404 },
      );
    };
    server.use(http.get(`${SERVER}/v1/bills/:id/result`, seen), http.get(`${SERVER}/v1/bills`, seen));
    const api = client(0);
    await api.waitResult('bill_a b', 25, 'nonce-1', signal).catch(() => undefined);
    await api.waitResult('bill_2', 0, 'nonce-2', signal, 'delivered').catch(() => undefined);
    await api.waitResult('bill_3', 25, 'nonce-3', signal, undefined, 'unsigned').catch(() => undefined);
    await api.listBills('player 42', 'paid', signal).catch(() => undefined);
    await api.listBills(undefined, 'delivered', signal).catch(() => undefined);
    expect(asked).toEqual([
      '/v1/bills/bill_a%20b/result?wait=25&nonce=nonce-1',
      '/v1/bills/bill_2/result?wait=0&nonce=nonce-2&until=delivered',
      '/v1/bills/bill_3/result?wait=25&nonce=nonce-3&pending=unsigned',
      '/v1/bills?user=player+42&state=paid',
      '/v1/bills?state=delivered',
    ]);
  });
});
