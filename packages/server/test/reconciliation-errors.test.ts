import { afterEach, describe, expect, it } from 'vitest';
import { type ChannelDriver, createSandboxDriver, generateAdminKey } from '../src/index.js';
import { closeAllReceivers } from './events-receiver.js';
import { call, closeAllServers, SANDBOX_SECRET, startTestServer } from './helpers.js';
import { startTwoGames } from './many-games-server.js';
import { adminCalls, DAY, NOON } from './reconciliation-support.js';

afterEach(async () => {
  await closeAllServers();
  await closeAllReceivers();
});

describe('reconciliation errors', () => {
  it('answers each refusal in the standard envelope with its stable code', async () => {
    const adminKey = generateAdminKey();
    const games = await startTwoGames({ admin: { keys: [adminKey] }, now: () => NOON });
    const admin = adminCalls(games, adminKey);
    const code = (answer: { status: number; body: { error: { code: string } } }) => [
      answer.status,
      answer.body.error.code,
    ];

    expect(code(await admin.upload(`channel=sandbox&date=${DAY}`, 'not,a,settlement\r\n'))).toEqual([
      400,
      'SETTLEMENT_FILE_INVALID',
    ]);
    expect(code(await admin.run({ channel: 'stripe', date: DAY }))).toEqual([400, 'UNKNOWN_CHANNEL']);
    expect(code(await admin.run({ channel: 'sandbox', date: '2026-02-30' }))).toEqual([400, 'INVALID_FIELD']);
    expect(code(await admin.run({ app: 'no-such-game', channel: 'sandbox', date: DAY }))).toEqual([
      400,
      'INVALID_FIELD',
    ]);
    expect(code(await admin.get('/v1/admin/reconciliations/rec_nothing'))).toEqual([404, 'NOT_FOUND']);
    const withGameKey = await call(games.server, '/v1/admin/reconciliations', {
      json: { channel: 'sandbox', date: DAY },
      headers: { authorization: `Bearer ${games.castle.serverKey}` },
    });
    expect(code(withGameKey)).toEqual([403, 'ADMIN_KEY_REQUIRED']);
  });

  it('refuses a channel whose driver cannot settle with 409 SETTLEMENT_UNSUPPORTED', async () => {
    const adminKey = generateAdminKey();
    const plain: ChannelDriver = { id: 'plain', resultSource: ['server'], launch: () => ({}) };
    const server = await startTestServer({
      drivers: [createSandboxDriver({ secret: SANDBOX_SECRET }), plain],
      admin: { keys: [adminKey] },
    });
    const answer = await call(server, '/v1/admin/reconciliations', {
      json: { channel: 'plain', date: DAY },
      headers: { authorization: `Bearer ${adminKey}` },
    });
    expect([answer.status, answer.body.error.code, answer.body.error.retryable]).toEqual([
      409,
      'SETTLEMENT_UNSUPPORTED',
      false,
    ]);
  });
});
