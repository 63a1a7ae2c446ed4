import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MemoryBillStore, startPayServer, type RunningPayServer } from '../src/index.js';
import { call, createBill, randomKey, readBill } from './helpers.js';

const dirs: string[] = [];
const servers: RunningPayServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

async function start(options: Omit<Parameters<typeof startPayServer>[0], 'auth'>): Promise<RunningPayServer> {
  const server = await startPayServer({ auth: { development: true }, ...options });
  servers.push(server);
  return server;
}

describe('startPayServer({ dataDir })', () => {
  it('keeps bills, keys, the signing key and the sandbox secret in the directory across restarts', async () => {
    const dataDir = join(await mkdtemp(join(tmpdir(), 'coinslot-data-')), 'data');
    dirs.push(dirname(dataDir));
    const first = await start({ dataDir });
    const key = randomKey();
    const created = await createBill(first, {}, key);
    expect(created.status).toBe(201);
    const kid = first.payServer.publicKeys()[0]!.kid;
    await first.close();

    expect((await readdir(dataDir)).sort()).toEqual(
      expect.arrayContaining(['bills.sqlite', 'sandbox-secret', 'server-key.json']),
    );
    expect((await stat(join(dataDir, 'server-key.json'))).mode & 0o777).toBe(0o600);
    expect((await stat(join(dataDir, 'sandbox-secret'))).mode & 0o777).toBe(0o600);

    const second = await start({ dataDir });
    expect(second.payServer.publicKeys()[0]!.kid).toBe(kid);
    expect(await readBill(second, created.body.bill.id)).toEqual(created.body.bill);
    const replay = await createBill(second, {}, key);
    expect(replay).toMatchObject({ status: 200, body: created.body });
    const { pathname, search } = new URL(created.body.launch.decideUrl);
    expect((await call(second, pathname + search, { json: { decision: 'approve' } })).status).toBe(200);
    expect((await readBill(second, created.body.bill.id)).state).toBe('paid');
  });

  it('uses a store passed in instead of the directory’s, and leaves it open', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'coinslot-data-'));
    dirs.push(dataDir);
    const store = new MemoryBillStore();
    const server = await start({ dataDir, store });
    const { body } = await createBill(server);
    await server.close();
    expect(await store.getBill(body.bill.id)).toBeDefined();
    expect(await readdir(dataDir)).not.toContain('bills.sqlite');
  });
});
