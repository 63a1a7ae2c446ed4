import type { ResultPublicKey } from '@coinslot/core';
import { describe, expect, it, vi } from 'vitest';
import { createGrantService, type GrantService } from '../src/main/grant-service.js';
import { openPlayerSave, type PlayerSave } from '../src/main/player-save.js';
import { createPlayerSession } from '../src/main/player-session.js';
import { createSignedResultCheck } from '../src/main/signed-result-check.js';
import { GameError, type GameErrorCode } from '../src/shared/game-error.js';
import { createTestBill, useGameServers } from './support/pay-server.js';
import { snapshot, useSaveFolder } from './support/save-folder.js';

// The main process's save, player session and grant service in Node, against the game's real backend and pay server
// (player tokens, signed results), with the configuration `npm start` writes to game-config.json.
const servers = useGameServers();
const saveDir = useSaveFolder();

/** Open the save and log in as the main process does at start-up; `fetch` counts the requests to the pay server. */
async function openGame(
  options: { trustedKeys?: ResultPublicKey[]; payServerUrl?: string; gameBackend?: string } = {},
) {
  const { config } = servers();
  const fetch = vi.fn(globalThis.fetch);
  const save = await openPlayerSave(saveDir());
  const session = createPlayerSession({
    gameBackend: options.gameBackend ?? config.gameBackend,
    playerId: save.playerId,
  });
  const signedResultOf = createSignedResultCheck({
    payServer: options.payServerUrl ?? config.payServer,
    trustedKeys: options.trustedKeys ?? config.trustedKeys,
    playerToken: session.playerToken,
    fetch,
  });
  return { save, service: createGrantService({ save, signedResultOf }), fetch };
}

const requestFor = (save: PlayerSave, billId: string, itemId = 'coins-550', quantity = 1) => ({
  billId,
  userId: save.playerId,
  itemId,
  quantity,
});

/** Expect `grant` to fail with `code` and leave every file of the save as it was. */
async function expectRefused(service: GrantService, request: unknown, code: GameErrorCode): Promise<void> {
  const before = await snapshot(saveDir());
  const error = await service.grant(request).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(GameError.isInstance(error) && error.code).toBe(code);
  expect((error as Error).message).toMatch(new RegExp(`^${code}: .+`));
  expect(await snapshot(saveDir())).toEqual(before);
}

describe('the main process grants a paid bill exactly once', () => {
  it('adds the coins and answers true, then answers false for the same bill without asking the pay server again', async () => {
    const { save, service, fetch } = await openGame();
    const billId = await createTestBill(servers(), { userId: save.playerId });

    await expect(service.grant(requestFor(save, billId))).resolves.toBe(true);
    expect(await service.wallet()).toEqual({ playerId: save.playerId, coins: 550 });
    const asked = fetch.mock.calls.length;

    await expect(service.grant(requestFor(save, billId))).resolves.toBe(false);
    expect(await service.wallet()).toEqual({ playerId: save.playerId, coins: 550 });
    expect(fetch.mock.calls.length).toBe(asked);
  });

  it('grants two bills racing each other, and one bill offered twice at once, without losing or doubling coins', async () => {
    const { save, service } = await openGame();
    const [first, second] = await Promise.all([
      createTestBill(servers(), { userId: save.playerId }),
      createTestBill(servers(), { userId: save.playerId, itemId: 'coins-100', quantity: 3 }),
    ]);
    const answers = await Promise.all([
      service.grant(requestFor(save, first)),
      service.grant(requestFor(save, first)),
      service.grant(requestFor(save, second, 'coins-100', 3)),
    ]);
    expect(answers.slice(0, 2).sort()).toEqual([false, true]);
    expect(answers[2]).toBe(true);
    expect((await service.wallet()).coins).toBe(550 + 300);
  });

  it('survives a restart: the next main process reads the coins from the save folder and still refuses the bill', async () => {
    const before = await openGame();
    const billId = await createTestBill(servers(), { userId: before.save.playerId });
    await expect(before.service.grant(requestFor(before.save, billId))).resolves.toBe(true);

    const after = await openGame(); // a new save and service over the same folder, as after quitting the game
    expect(after.save.playerId).toBe(before.save.playerId);
    expect(await after.service.wallet()).toEqual({ playerId: before.save.playerId, coins: 550 });
    await expect(after.service.grant(requestFor(after.save, billId))).resolves.toBe(false);
    expect((await after.service.wallet()).coins).toBe(550);
  });

  it("confirms only the logged-in player's bills: another player's paid bill is NOT_PAID (the pay server answers this player 404)", async () => {
    const { service } = await openGame();
    const billId = await createTestBill(servers(), { userId: 'player-from-another-login' });
    await expectRefused(
      service,
      { billId, userId: 'player-from-another-login', itemId: 'coins-550', quantity: 1 },
      'NOT_PAID',
    );
  });
});

describe('the main process refuses bad input with a typed error and changes nothing', () => {
  it.each([
    ['nothing', undefined],
    ['a string', 'b_1'],
    ['a bill id that is not one', { billId: '../../save', userId: 'p', itemId: 'coins-550', quantity: 1 }],
    ['a missing player', { billId: 'b_1', itemId: 'coins-550', quantity: 1 }],
    ['a quantity of 0', { billId: 'b_1', userId: 'p', itemId: 'coins-550', quantity: 0 }],
    ['a fractional quantity', { billId: 'b_1', userId: 'p', itemId: 'coins-550', quantity: 1.5 }],
    ['an extra field', { billId: 'b_1', userId: 'p', itemId: 'coins-550', quantity: 1, coins: 1_000_000 }],
  ])('INVALID_OFFER for %s', async (_, request) => {
    const { service, fetch } = await openGame();
    await expectRefused(service, request, 'INVALID_OFFER');
    expect(fetch).not.toHaveBeenCalled();
  });

  it('UNKNOWN_ITEM for an item the game does not sell', async () => {
    const { save, service } = await openGame();
    await expectRefused(service, requestFor(save, 'b_1', 'sword-of-doom'), 'UNKNOWN_ITEM');
  });

  it('NOT_PAID unless the pay server signs the bill paid: unpaid, declined, cancelled, unknown', async () => {
    const { save, service } = await openGame();
    for (const decision of ['none', 'decline', 'cancel'] as const) {
      const billId = await createTestBill(servers(), { userId: save.playerId, decision });
      await expectRefused(service, requestFor(save, billId), 'NOT_PAID');
    }
    await expectRefused(service, requestFor(save, 'b_never_created'), 'NOT_PAID');
  });

  it('NOT_PAID when the request is not what was paid for: another item, quantity or player', async () => {
    const { save, service } = await openGame();
    const billId = await createTestBill(servers(), { userId: save.playerId, itemId: 'coins-100' });
    await expectRefused(service, requestFor(save, billId, 'coins-1200'), 'NOT_PAID');
    await expectRefused(service, requestFor(save, billId, 'coins-100', 5), 'NOT_PAID');
    await expectRefused(service, { ...requestFor(save, billId, 'coins-100'), userId: 'someone-else' }, 'NOT_PAID');
  });

  it('CONFIRM_FAILED when the signed result does not verify (a key other than the pinned one) or the pay server is unreachable; LOGIN_FAILED without the game backend', async () => {
    const stranger = await openGame({
      trustedKeys: [
        {
          kty: 'EC',
          crv: 'P-256',
          x: 'f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU',
          y: 'x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0',
          kid: 'k-other',
          alg: 'ES256',
        },
      ],
    });
    const billId = await createTestBill(servers(), { userId: stranger.save.playerId });
    await expectRefused(stranger.service, requestFor(stranger.save, billId), 'CONFIRM_FAILED');

    const offline = await openGame({ payServerUrl: 'http://127.0.0.1:9' });
    await expectRefused(offline.service, requestFor(offline.save, billId), 'CONFIRM_FAILED');

    const noBackend = await openGame({ gameBackend: 'http://127.0.0.1:9' }); // no player token to ask with
    await expectRefused(noBackend.service, requestFor(noBackend.save, billId), 'LOGIN_FAILED');

    const online = await openGame(); // the same bill, once the pay server can be asked: granted
    await expect(online.service.grant(requestFor(online.save, billId))).resolves.toBe(true);
  });
});
