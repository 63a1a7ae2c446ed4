import { createHmac } from 'node:crypto';
import { type Bill, type EventPage, isBillEvent } from '@coinslot/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { closeAllReceivers } from './events-receiver.js';
import { verifiesWithPublicKey } from './events-verify.js';
import { call, closeAllServers, randomKey, statementFor, type TestServer } from './helpers.js';
import { approve, buyGem, startTwoGames, type Game } from './many-games-server.js';

afterEach(async () => {
  await closeAllServers();
  await closeAllReceivers();
});

const bearer = (credential: string) => ({ authorization: `Bearer ${credential}` });

/** Every endpoint about one bill, sent so that it would change the bill if the server let it through. */
function billEndpoints(bill: Bill) {
  return [
    ['read', `/v1/bills/${bill.id}`, undefined],
    ['wait', `/v1/bills/${bill.id}/result?wait=0&nonce=${randomKey()}`, undefined],
    ['report', `/v1/bills/${bill.id}/report`, { proof: { ...statementFor(bill), signature: '00' } }],
    ['cancel', `/v1/bills/${bill.id}/cancel`, {}],
    ['deliver', `/v1/bills/${bill.id}/deliver`, {}],
  ] as const;
}

const signHex = (secret: string, body: string) => createHmac('sha256', secret).update(body).digest('hex');

/** The bill as its own game's server key reads it. */
async function readAs(server: TestServer, game: Game, id: string): Promise<Bill> {
  const answer = await call(server, `/v1/bills/${id}`, { headers: bearer(game.serverKey) });
  expect(answer.status).toBe(200);
  return answer.body.bill;
}

describe('a pay server running two games', () => {
  it('prices each bill from its own game’s catalog and stamps the game’s appId on it', async () => {
    const { server, castle, miner } = await startTwoGames();
    const inCastle = await buyGem(server, castle, 'ada');
    const inMiner = await buyGem(server, miner, 'ada');
    expect([inCastle.bill.appId, inCastle.bill.amount, inCastle.bill.currency]).toEqual(['default', 499, 'USD']);
    expect([inMiner.bill.appId, inMiner.bill.amount, inMiner.bill.currency]).toEqual(['space-miner', 1299, 'EUR']);
    // A price from the other game's catalog is refused.
    const wrong = await call(server, '/v1/bills', {
      json: { itemId: 'gem', quantity: 1, amount: 499, currency: 'USD', channel: 'sandbox' },
      headers: { 'idempotency-key': randomKey(), ...bearer(await miner.playerToken('ada')) },
    });
    expect(wrong.body.error?.code).toBe('AMOUNT_MISMATCH');
  });

  it('keeps idempotency keys per game: one player id and key in two games make two bills', async () => {
    const { server, castle, miner } = await startTwoGames();
    const key = randomKey();
    const create = (game: Game) =>
      call(server, '/v1/bills', {
        json: { userId: 'ada', itemId: 'gem', quantity: 1, currency: game.gem.currency, channel: 'sandbox' },
        headers: { 'idempotency-key': key, ...bearer(game.serverKey) },
      });
    const [first, second] = [await create(castle), await create(miner)];
    expect([first.status, second.status]).toEqual([201, 201]);
    expect(first.body.bill.id).not.toBe(second.body.bill.id);
    expect((await create(miner)).body.bill.id).toBe(second.body.bill.id);
  });

  it('answers one game’s server key on every endpoint of the other game’s bills as a missing bill, changing nothing', async () => {
    const { server, castle, miner } = await startTwoGames();
    const open = await buyGem(server, castle, 'ada');
    const paid = await buyGem(server, castle, 'ada');
    await approve(server, paid.launch);
    for (const target of [open.bill, (await readAs(server, castle, paid.bill.id)) as Bill]) {
      for (const [what, path, json] of billEndpoints(target)) {
        const answer = await call(server, path, { headers: bearer(miner.serverKey), ...(json && { json }) });
        expect([what, target.state, answer.status, answer.body.error?.code]).toEqual([
          what,
          target.state,
          404,
          'BILL_NOT_FOUND',
        ]);
      }
      const after = await readAs(server, castle, target.id);
      expect([after.state, after.updatedAt]).toEqual([target.state, target.updatedAt]);
    }
    const listed = await call(server, '/v1/bills?user=ada&state=paid', { headers: bearer(miner.serverKey) });
    expect(listed.body).toEqual({ bills: [] });
    const own = await call(server, '/v1/bills?user=ada&state=paid', { headers: bearer(castle.serverKey) });
    expect(own.body.bills.map((bill: Bill) => bill.id)).toEqual([paid.bill.id]);
  });

  it('answers one game’s player token — for the same player id — on the other game’s bill as a missing bill', async () => {
    const { server, castle, miner } = await startTwoGames();
    const target = (await buyGem(server, castle, 'ada')).bill;
    const token = await miner.playerToken('ada');
    for (const [what, path, json] of billEndpoints(target)) {
      const answer = await call(server, path, { headers: bearer(token), ...(json && { json }) });
      expect([what, answer.status, answer.body.error?.code]).toEqual([what, 404, 'BILL_NOT_FOUND']);
    }
    expect((await readAs(server, castle, target.id)).state).toBe('created');
    const listed = await call(server, '/v1/bills?state=created', { headers: bearer(token) });
    expect(listed.body).toEqual({ bills: [] });
  });

  it('takes a channel notification for a game’s bill only on that game’s notify path, with that game’s secret', async () => {
    const { server, castle, miner } = await startTwoGames();
    const { bill, launch } = await buyGem(server, miner, 'ada');
    expect(launch.decideUrl).toContain(`${server.url}/apps/space-miner/v1/sandbox/checkout/${bill.id}/decide?`);
    const notify = (path: string, secret: string) => {
      const body = JSON.stringify(statementFor(bill));
      return call(server, path, {
        method: 'POST',
        body,
        headers: { 'content-type': 'application/json', 'x-sandbox-signature': signHex(secret, body) },
      });
    };
    // The default game's merchant account knows no such bill; the other secret does not verify on this path.
    expect((await notify('/v1/notify/sandbox', castle.sandboxSecret)).body.error?.code).toBe('BILL_NOT_FOUND');
    const forged = await notify('/apps/space-miner/v1/notify/sandbox', castle.sandboxSecret);
    expect(forged.body.error?.code).toBe('INVALID_NOTIFICATION');
    expect((await readAs(server, miner, bill.id)).state).toBe('created');
    expect((await notify('/apps/space-miner/v1/notify/sandbox', miner.sandboxSecret)).status).toBe(200);
    expect((await readAs(server, miner, bill.id)).state).toBe('paid');
    expect((await call(server, '/apps/no-such-game/v1/notify/sandbox', { json: {} })).status).toBe(404);
    expect((await call(server, `/apps/space-miner/v1/bills/${bill.id}`)).status).toBe(404);
  });

  it('sends each game’s events to its own endpoint, signed with its own key, and lists each game’s events to it only', async () => {
    const { server, castle, miner } = await startTwoGames();
    const a = await buyGem(server, castle, 'ada');
    const b = await buyGem(server, miner, 'ada');
    await approve(server, a.launch);
    await approve(server, b.launch);
    await server.payServer.events.drain();
    const billsOf = (game: Game) => game.webhooks.received.map((webhook) => JSON.parse(webhook.body).data.bill.id);
    expect(billsOf(castle)).toEqual([a.bill.id]);
    expect(billsOf(miner)).toEqual([b.bill.id]);
    const minerKey = server.payServer.events.ofApp('space-miner')!.publicKey!;
    expect(minerKey).not.toBe(server.payServer.events.publicKey);
    expect(verifiesWithPublicKey(miner.webhooks.received[0]!, minerKey)).toBe(true);
    expect(verifiesWithPublicKey(miner.webhooks.received[0]!, server.payServer.events.publicKey!)).toBe(false);
    const pulled = async (game: Game) => {
      const answer = await call<EventPage>(server, '/v1/events', { headers: bearer(game.serverKey) });
      return answer.body.events.filter(isBillEvent).map((event) => event.data.bill.id);
    };
    expect(await pulled(castle)).toEqual([a.bill.id]);
    expect(await pulled(miner)).toEqual([b.bill.id]);
  });

  it('answers GET /v1/channels with the credential’s game’s channels, and the default game’s without one', async () => {
    const { server, miner } = await startTwoGames();
    const withKey = await call(server, '/v1/channels', { headers: bearer(miner.serverKey) });
    expect(withKey.body.channels.map((channel: { id: string }) => channel.id)).toEqual(['sandbox']);
    expect((await call(server, '/v1/channels')).status).toBe(200);
    expect((await call(server, '/v1/channels', { headers: bearer(`csk_${randomKey(32)}`) })).status).toBe(401);
  });
});
