import { describe, expect, it } from 'vitest';
import { BackendError } from './backend-error.js';
import { createPayServerClient } from './pay-server-client.js';
import { generateServerKey } from './server-key.js';

const serverKey = generateServerKey();

/** A client whose fetch records each request and answers `answer`. */
function clientAnswering(answer: () => Response | Promise<Response>, url = 'https://pay.example.test/') {
  const requests: Request[] = [];
  const client = createPayServerClient({
    url,
    serverKey,
    fetch: async (input, init) => {
      requests.push(new Request(input, init));
      return answer();
    },
  });
  return { client, requests };
}

async function rejection(promise: Promise<unknown>): Promise<BackendError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!BackendError.isInstance(error)) throw new Error(`expected a BackendError, got ${String(error)}`);
  return error;
}

const body = { userId: 'player-7', itemId: 'gem', quantity: 1, amount: 499, currency: 'USD', channel: 'sandbox' };

describe('createPayServerClient', () => {
  it('sends the server key, a fresh Idempotency-Key per create and the body as JSON', async () => {
    const { client, requests } = clientAnswering(() =>
      Response.json({ bill: {}, launch: {}, billToken: 'cbt_x' }, { status: 201 }),
    );
    await client.createBill(body);
    await client.createBill(body);
    const [first, second] = requests;
    expect(first!.url).toBe('https://pay.example.test/v1/bills');
    expect(first!.headers.get('authorization')).toBe(`Bearer ${serverKey}`);
    expect(first!.headers.get('content-type')).toBe('application/json');
    expect(first!.headers.get('idempotency-key')).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(second!.headers.get('idempotency-key')).not.toBe(first!.headers.get('idempotency-key'));
    expect(await first!.json()).toEqual(body);
  });

  it('keeps a path prefix of the base URL and encodes the query', async () => {
    const { client, requests } = clientAnswering(() => Response.json({ bills: [] }), 'https://example.test/pay/');
    await client.listBills({ userId: 'player 7&x' });
    expect(requests[0]!.url).toBe('https://example.test/pay/v1/bills?user=player+7%26x&state=paid');
  });

  it('lists events with GET /v1/events, after and limit in the query', async () => {
    const page = { events: [], next: '42', more: false };
    const { client, requests } = clientAnswering(() => Response.json(page));
    expect(await client.listEvents({ after: '42', limit: 500 })).toEqual(page);
    await client.listEvents();
    expect(requests.map((request) => [request.method, request.url])).toEqual([
      ['GET', 'https://pay.example.test/v1/events?after=42&limit=500'],
      ['GET', 'https://pay.example.test/v1/events'],
    ]);
    expect(requests[0]!.headers.get('authorization')).toBe(`Bearer ${serverKey}`);
  });

  it('rejects an event page without events, next or more with INVALID_RESPONSE', async () => {
    const { client } = clientAnswering(() => Response.json({ events: [], next: 42 }));
    expect(await rejection(client.listEvents())).toMatchObject({ code: 'INVALID_RESPONSE', retryable: false });
  });

  it('rejects with NETWORK_ERROR (retryable) when the pay server cannot be reached', async () => {
    const { client } = clientAnswering(() => Promise.reject(new TypeError('fetch failed')));
    expect(await rejection(client.getBill('b_1'))).toMatchObject({ code: 'NETWORK_ERROR', retryable: true });
  });

  it('rejects with INVALID_RESPONSE for an error answer without an envelope (retryable when 5xx)', async () => {
    const { client } = clientAnswering(() => new Response('<html>Bad Gateway</html>', { status: 502 }));
    expect(await rejection(client.getBill('b_1'))).toMatchObject({
      code: 'INVALID_RESPONSE',
      status: 502,
      retryable: true,
    });
  });

  it('takes retryable from the envelope', async () => {
    const envelope = { error: { code: 'RATE_LIMITED', message: 'slow down', retryable: true } };
    const { client } = clientAnswering(() => Response.json(envelope, { status: 429 }));
    expect(await rejection(client.getBill('b_1'))).toMatchObject({
      code: 'RATE_LIMITED',
      status: 429,
      retryable: true,
      message: 'slow down',
    });
  });

  it.each([
    ['a relative url', { url: '/pay', serverKey }, /Invalid url/],
    ['a url with a query', { url: 'https://pay.example.test/?x=1', serverKey }, /Invalid url/],
    ['a key without csk_', { url: 'https://pay.example.test', serverKey: 'a'.repeat(40) }, /Invalid serverKey/],
  ])('throws a TypeError for %s', (_, options, message) => {
    expect(() => createPayServerClient(options)).toThrow(message);
  });
});
