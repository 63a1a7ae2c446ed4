import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { hashPassword } from '../src/admin/password-hash.js';
import type { PostgresBillStore } from '../src/index.js';
import { call, closeAllServers, newBill, notifySandbox, randomKey, startTestServer, statementFor } from './helpers.js';
import { closeTestDatabase, dropSchema, freshSchemaName, openTestPostgresStore } from './postgres-test-database.js';

// Two pay servers over one PostgreSQL schema, as two instances behind a load balancer: what one instance saw (a
// forged notification, a held wait, who paid a bill) shows in the other's console, because the activity log is the
// store's.

const PASSWORD = 'a long enough password';
const stores: PostgresBillStore[] = [];
let schema: string | undefined;

afterEach(async () => {
  await closeAllServers();
  for (const store of stores.splice(0)) await store.close();
  if (schema) await dropSchema(schema);
});
afterAll(closeTestDatabase);

async function instance(name: string, shared: string) {
  const store = await openTestPostgresStore(shared);
  stores.push(store);
  return startTestServer({
    store,
    holdSeconds: 10,
    activity: { instanceId: name, flushIntervalMs: 20, heartbeatIntervalMs: 100 },
    admin: { keys: [], users: [{ name: 'ops', passwordHash: await hashPassword(PASSWORD) }] },
  });
}

async function consoleOf(server: { url: string }) {
  const login = await fetch(`${server.url}/admin/api/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: server.url },
    body: JSON.stringify({ name: 'ops', password: PASSWORD }),
  });
  expect(login.status).toBe(200);
  const cookie = login.headers.get('set-cookie')!.split(';', 1)[0]!;
  return async (path: string) => {
    const answer = await fetch(`${server.url}/admin/api/${path}`, { headers: { cookie } });
    expect(answer.status).toBe(200);
    return answer.json();
  };
}

describe('the activity log across two instances over one PostgreSQL schema', () => {
  it('one instance’s console shows the other’s notifications, held waits and who paid', async () => {
    schema = freshSchemaName();
    const a = await instance('pay-a', schema);
    const b = await instance('pay-b', schema);
    const bill = await newBill(a);
    // A wait held on B; a forged and a real notification reach B.
    const held = call(b, `/v1/bills/${bill.id}/result?wait=8&nonce=${randomKey()}`);
    const onA = await consoleOf(a);
    const today = new Date().toISOString().slice(0, 10);
    const health = () => onA(`health?from=${today}&to=${today}&tz=UTC`);
    await expect
      .poll(async () => (await health()).instances.map((i: any) => [i.instanceId, i.heldWaits]), { timeout: 10_000 })
      .toEqual([
        ['pay-a', 0],
        ['pay-b', 1],
      ]);
    expect((await notifySandbox(b, statementFor(bill), 'a-forger-who-lacks-the-secret-000')).status).toBe(400);
    expect((await notifySandbox(b, statementFor(bill))).status).toBe(200);
    expect((await held).status).toBe(200);
    await expect
      .poll(async () => (await health()).notifications, { timeout: 10_000 })
      .toEqual([expect.objectContaining({ app: 'default', channel: 'sandbox', accepted: 1, refused: 1 })]);
    const { timeline } = await onA(`bills/${bill.id}`);
    const paid = timeline.find((step: any) => step.what === 'paid');
    expect(paid).toMatchObject({ who: 'channel:sandbox', detail: expect.stringContaining('on pay-b') });
    const created = timeline.find((step: any) => step.what === 'created');
    expect(created).toMatchObject({ who: 'development', detail: expect.stringContaining('on pay-a') });
  }, 60_000);
});
