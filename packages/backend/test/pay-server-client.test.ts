import { afterEach, describe, expect, it } from 'vitest';
import { BackendError, createPayServerClient, createPlayerTokenIssuer, generateServerKey } from '../src/index.js';
import {
  AUDIENCE,
  billBody,
  closeAll,
  ISSUER,
  payThroughSandbox,
  serveJwks,
  startPayServer,
} from './pay-server-fixture.js';

afterEach(closeAll);

async function setUp() {
  const serverKey = generateServerKey();
  const issuer = await createPlayerTokenIssuer({ issuer: ISSUER, audience: AUDIENCE });
  const server = await startPayServer({ jwksUrl: await serveJwks(issuer), serverKeys: [serverKey] });
  return { server, serverKey, client: createPayServerClient({ url: server.url, serverKey }) };
}

async function rejection(promise: Promise<unknown>): Promise<BackendError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!BackendError.isInstance(error)) throw new Error(`expected a BackendError, got ${String(error)}`);
  return error;
}

describe('createPayServerClient against the reference pay server', () => {
  it('creates a bill for a player with a server key', async () => {
    const { client } = await setUp();
    const created = await client.createBill({ ...billBody(), userId: 'player-7' });
    expect(created.bill).toMatchObject({ userId: 'player-7', state: 'created', itemId: 'gem-pack-small' });
    expect(created.billToken).toMatch(/^cbt_/);
  });

  it('answers the same bill when a create is retried with the same idempotency key', async () => {
    const { client } = await setUp();
    const first = await client.createBill({ ...billBody(), userId: 'player-7' }, { idempotencyKey: 'retry-key-0001' });
    const again = await client.createBill({ ...billBody(), userId: 'player-7' }, { idempotencyKey: 'retry-key-0001' });
    expect(again.bill.id).toBe(first.bill.id);
  });

  it('lists a player’s bills by state and delivers a paid bill once', async () => {
    const { server, client } = await setUp();
    const { bill } = await client.createBill({ ...billBody(), userId: 'player-7' });
    expect((await client.listBills({ userId: 'player-7', state: 'created' })).map((b) => b.id)).toEqual([bill.id]);
    await payThroughSandbox(server.url, bill);
    expect((await client.listBills({ userId: 'player-7' })).map((b) => b.id)).toEqual([bill.id]);
    const delivered = await client.deliverBill(bill.id);
    expect(delivered).toMatchObject({ alreadyDelivered: false, bill: { id: bill.id, state: 'delivered' } });
    expect((await client.deliverBill(bill.id)).alreadyDelivered).toBe(true);
    expect((await client.getBill(bill.id)).state).toBe('delivered');
    expect(await client.listBills({ userId: 'player-7' })).toEqual([]);
  });

  it('rejects with BackendError UNAUTHENTICATED (401) for a server key the pay server does not hold', async () => {
    const { server } = await setUp();
    const stranger = createPayServerClient({ url: server.url, serverKey: generateServerKey() });
    const error = await rejection(stranger.createBill({ ...billBody(), userId: 'player-7' }));
    expect(error).toMatchObject({ code: 'UNAUTHENTICATED', status: 401, retryable: false });
  });

  it('rejects delivering an unpaid bill with INVALID_TRANSITION and the bill’s state', async () => {
    const { client } = await setUp();
    const { bill } = await client.createBill({ ...billBody(), userId: 'player-7' });
    const error = await rejection(client.deliverBill(bill.id));
    expect(error).toMatchObject({ code: 'INVALID_TRANSITION', status: 409, state: 'created' });
  });

  it('rejects with INVALID_FIELD naming the field the pay server refused', async () => {
    const { client } = await setUp();
    const error = await rejection(client.createBill({ ...billBody({ quantity: 0 }), userId: 'player-7' }));
    expect(error).toMatchObject({ code: 'INVALID_FIELD', status: 400, field: 'quantity' });
  });
});
