import type { ResultPublicKey } from '@coinslot/protocol';
import { createPayServer, createSandboxDriver, serveNode, type PayServer } from '@coinslot/server';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey } from 'jose';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createPayServerClient } from './client/pay-server-client.js';
import type { Coinslot } from './coinslot.js';
import type { CoinslotOptions } from './coinslot-options.js';
import { PayServerError } from './errors/pay-server-error.js';
import { createMemoryStorage } from './storage/memory-storage.js';
import type { JournalStorage } from './storage/journal-storage.js';
import { fakeChannel } from './test-support/fake-channel.js';
import { grantSpy, recordOf, snapshot } from './test-support/journal-helpers.js';
import { sandboxGame } from './test-support/sandbox-game.js';

// The real reference server taking player tokens (JWTs the game backend mints, verified with jose), and the real core
// and sandbox adapter: identity as a game in production meets it.
const ISSUER = 'https://game.example';
const AUDIENCE = 'https://pay.example';
const quiet = { info() {}, warn() {}, error() {} };
const gemPack = { channel: 'sandbox', itemId: 'gem-pack', amount: 499, currency: 'USD' } as const;

let privateKey: CryptoKey;
let payServer: PayServer;
let node: Awaited<ReturnType<typeof serveNode>>;
let url: string;
const games: Coinslot[] = [];

beforeAll(async () => {
  const keys = await generateKeyPair('ES256');
  privateKey = keys.privateKey;
  const publicKey = { ...(await exportJWK(keys.publicKey)), kid: 'game-1', alg: 'ES256', use: 'sig' };
  payServer = await createPayServer({
    auth: { playerTokens: { issuer: ISSUER, audience: AUDIENCE, publicKeys: { keys: [publicKey] } } },
    drivers: [createSandboxDriver()],
    catalog: { 'gem-pack': { amount: 499, currency: 'USD' } },
    logger: quiet,
  });
  node = await serveNode(payServer.handle, { port: 0, host: '127.0.0.1' });
  url = node.url;
});
afterEach(async () => {
  await Promise.all(games.splice(0).map((game) => game.dispose()));
});
afterAll(async () => {
  await node?.close();
  await payServer?.close();
});

/** A player token as the game backend mints it; `expired` makes one that ran out five minutes ago. */
function mint(player: string, { expired = false } = {}): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const jwt = new SignJWT({})
    .setProtectedHeader({ alg: 'ES256', kid: 'game-1' })
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setSubject(player);
  return (
    expired ? jwt.setIssuedAt(now - 600).setExpirationTime(now - 300) : jwt.setIssuedAt().setExpirationTime('5m')
  ).sign(privateKey);
}

/** The credential of every request core sent, as "METHOD path → Bearer kind" (the kind: player, cbt, none). */
function recordingFetch(seen: string[]): typeof fetch {
  return (input, init) => {
    const request = input instanceof Request ? input : new Request(input, init);
    const credential = request.headers.get('authorization');
    const kind = credential === null ? 'none' : credential.startsWith('Bearer cbt_') ? 'bill token' : 'player token';
    seen.push(`${request.method} ${new URL(request.url).pathname} → ${kind}`);
    return globalThis.fetch(input, init);
  };
}

/** A game on the real server: the sandbox deciding `approve` headless, a memory journal unless given. */
const game = (options: Partial<CoinslotOptions> = {}): Coinslot => sandboxGame(url, games, options);

/** The credential kinds of the requests about `billId` (at least one). */
function kindsFor(seen: string[], billId: string): string[] {
  const lines = seen.filter((line) => line.includes(billId));
  expect(lines).not.toEqual([]);
  return [...new Set(lines.map((line) => line.split(' → ')[1] ?? ''))];
}

/** Every value a storage holds, as text. */
const storedText = async (storage: JournalStorage) => JSON.stringify(await storage.list(''));

describe('player identity on the reference server', () => {
  it("buys with only a player token: the bill is the token's player's, paid through the sandbox, granted and delivered", async () => {
    const token = await mint('player-a');
    const storage = createMemoryStorage();
    const seen: string[] = [];
    const grant = grantSpy();
    const result = await game({
      getPlayerToken: async () => token,
      storage,
      grant,
      fetch: recordingFetch(seen),
    }).purchase(gemPack);
    expect(result).toMatchObject({ status: 'paid', granted: true, delivered: true, bill: { userId: 'player-a' } });
    expect(grant).toHaveBeenCalledOnce();
    expect(seen[0]).toBe('POST /v1/bills → player token');
    expect(seen.slice(1).filter((line) => !line.startsWith('GET /v1/keys'))).toEqual(
      seen.slice(1).filter((line) => line.includes(result.bill.id)),
    );
    expect(kindsFor(seen, result.bill.id)).toEqual(['bill token']);
    expect(await recordOf(storage, result.bill.id)).toMatchObject({
      state: 'delivered',
      billToken: expect.stringMatching(/^cbt_/),
    });
    expect(await storedText(storage)).not.toContain(token);
  });

  it('asks getPlayerToken again after an expired token is refused, and the purchase goes through', async () => {
    const [expired, fresh] = [await mint('player-a', { expired: true }), await mint('player-a')];
    const getPlayerToken = vi.fn<() => Promise<string>>().mockResolvedValueOnce(expired).mockResolvedValue(fresh);
    const coinslot = game({ getPlayerToken });
    expect(await coinslot.purchase(gemPack)).toMatchObject({ status: 'paid', bill: { userId: 'player-a' } });
    expect(getPlayerToken).toHaveBeenCalledTimes(2);
    await coinslot.purchase(gemPack);
    expect(getPlayerToken).toHaveBeenCalledTimes(2);
  });

  it('fails with UNAUTHENTICATED when the token asked for again is refused too', async () => {
    const expired = await mint('player-a', { expired: true });
    const getPlayerToken = vi.fn(async () => expired);
    const caught = await game({ getPlayerToken })
      .purchase(gemPack)
      .catch((e: unknown) => e);
    expect(PayServerError.isInstance(caught)).toBe(true);
    expect(caught).toMatchObject({ serverCode: 'UNAUTHENTICATED', status: 401 });
    expect(getPlayerToken).toHaveBeenCalledTimes(2);
  });

  it("lets player B neither resume, deliver, report nor cancel player A's bill, which stays paid", async () => {
    const tokenA = await mint('player-a');
    const tokenB = await mint('player-b');
    const { bill } = await game({ getPlayerToken: () => tokenA }).purchase(gemPack);
    const thief = game({ getPlayerToken: () => tokenB });
    const notFound = { serverCode: 'BILL_NOT_FOUND', status: 404 };
    await expect(thief.resume(bill.id)).rejects.toMatchObject(notFound);
    await expect(thief.deliver(bill.id)).rejects.toMatchObject(notFound);
    const client = createPayServerClient({
      server: url,
      retryLimit: 0,
      getPlayerToken: () => tokenB,
      storedBillToken: async () => undefined,
    });
    const signal = new AbortController().signal;
    await expect(client.report(bill.id, { decision: 'approve' }, signal)).rejects.toMatchObject(notFound);
    await expect(client.cancel(bill.id, 'closed', signal)).rejects.toMatchObject(notFound);
    const nobody = game();
    await expect(nobody.deliver(bill.id)).rejects.toMatchObject({ serverCode: 'UNAUTHENTICATED', status: 401 });
    const owner = createPayServerClient({
      server: url,
      retryLimit: 0,
      getPlayerToken: () => tokenA,
      storedBillToken: async () => undefined,
    });
    expect(await owner.getBill(bill.id, signal)).toMatchObject({ state: 'paid', userId: 'player-a' });
  });

  it("refuses A's bill token on B's bill, and B's token then reaches only B's own bills", async () => {
    const tokenB = await mint('player-b');
    const storage = createMemoryStorage();
    const { bill: billA } = await game({ getPlayerToken: () => mint('player-a'), storage }).purchase(gemPack);
    const { bill: billB } = await game({ getPlayerToken: () => tokenB }).purchase(gemPack);
    const stolen = (await recordOf(storage, billA.id))!.billToken;
    const seen: string[] = [];
    const client = createPayServerClient({
      server: url,
      retryLimit: 0,
      storedBillToken: async () => stolen,
      getPlayerToken: () => tokenB,
      fetch: recordingFetch(seen),
    });
    expect(await client.getBill(billB.id, new AbortController().signal)).toMatchObject({
      id: billB.id,
      userId: 'player-b',
    });
    expect(seen).toEqual([`GET /v1/bills/${billB.id} → bill token`, `GET /v1/bills/${billB.id} → player token`]);
  });

  it('after a crash, a new instance over the same journal resumes the bill with its stored bill token alone', async () => {
    const storage = createMemoryStorage();
    let disk: JournalStorage | undefined;
    let decideUrl = '';
    // The channel launched, then the game died; the player approved in the checkout meanwhile.
    const launchOnly = fakeChannel(
      async (ctx) => {
        decideUrl = String(ctx.launch.decideUrl);
        disk = await snapshot(storage);
        return { kind: 'launched' };
      },
      { id: 'sandbox' },
    );
    const before = game({
      getPlayerToken: () => mint('player-a'),
      storage,
      channels: { sandbox: async () => launchOnly },
    });
    const purchase = before.purchase(gemPack).catch(() => undefined);
    await vi.waitFor(() => expect(disk).toBeDefined());
    await before.dispose();
    await purchase;
    const approved = await fetch(decideUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ decision: 'approve', mode: 'server' }),
    });
    expect(approved.status).toBe(200);

    const seen: string[] = [];
    const grant = grantSpy();
    const after = game({ storage: disk!, grant, fetch: recordingFetch(seen) }); // no getPlayerToken at all
    const report = await after.recover();
    const billId = report.bills[0]?.billId;
    expect(report).toEqual({
      errors: [],
      bills: [
        {
          billId,
          source: 'journal',
          result: expect.objectContaining({ status: 'paid', granted: true, delivered: true }),
        },
      ],
    });
    expect(grant).toHaveBeenCalledOnce();
    expect(kindsFor(seen, billId!)).toEqual(['bill token']);
    expect(seen.filter((line) => !line.startsWith('GET /v1/keys') && !line.includes(billId!))).toEqual([]);
  });

  it('resumes a journal record written before core kept bill tokens with the player token', async () => {
    const token = await mint('player-a');
    const storage = createMemoryStorage();
    const { bill } = await game({ getPlayerToken: () => token, storage }).purchase(gemPack); // paid, not delivered
    const { billToken: _dropped, ...old } = (await recordOf(storage, bill.id))!;
    await storage.set(`coinslot:bill:${bill.id}`, { ...old, state: 'pending', pendingReason: 'network' });
    const seen: string[] = [];
    expect(
      await game({ getPlayerToken: () => token, storage, fetch: recordingFetch(seen) }).resume(bill.id),
    ).toMatchObject({ status: 'paid' });
    expect(kindsFor(seen, bill.id)).toEqual(['player token']);
  });

  it("recover() lists the token's player's paid bills without a userId, and no one else's", async () => {
    const tokenC = await mint('player-c');
    const { bill } = await game({ getPlayerToken: () => tokenC }).purchase(gemPack); // paid, never delivered
    await game({ getPlayerToken: () => mint('player-d') }).purchase(gemPack);
    const seen: string[] = [];
    const report = await game({ getPlayerToken: () => tokenC, fetch: recordingFetch(seen) }).recover();
    expect(report).toEqual({
      errors: [],
      bills: [{ billId: bill.id, source: 'server', result: expect.objectContaining({ status: 'paid' }) }],
    });
    expect(seen).toContain('GET /v1/bills → player token');
  });
});

describe('a plain-http pay server on another machine', () => {
  it('is refused without pinned keys, and buys with the keys of its GET /v1/keys pinned', async () => {
    const remote = url.replace('127.0.0.1', '0.0.0.0'); // the same server, under an address that is not loopback by name
    expect(() => game({ server: remote })).toThrow(
      expect.objectContaining({
        code: 'INVALID_OPTIONS',
        message: expect.stringContaining('or with trustedKeys pinning the keys of its GET /v1/keys'),
      }),
    );
    const { keys } = (await (await fetch(`${url}/v1/keys`)).json()) as { keys: ResultPublicKey[] };
    const pinned = game({ server: remote, trustedKeys: keys, getPlayerToken: () => mint('player-e') });
    expect(await pinned.purchase(gemPack)).toMatchObject({ status: 'paid', bill: { userId: 'player-e' } });
  });
});
