import { describe, expect, it, vi } from 'vitest';
import { createBridgeHandlers } from '../src/main/bridge-handlers.js';
import { createGrantService, type GrantService } from '../src/main/grant-service.js';
import { createGameApi, type Invoke } from '../src/preload/game-bridge.js';
import { BRIDGE_CHANNELS, type BridgeChannel } from '../src/shared/bridge-contract.js';
import { GameError, gameErrorCode } from '../src/shared/game-error.js';

// The preload (createGameApi) and the main process's IPC handlers, wired by a stand-in for ipcRenderer.invoke /
// ipcMain.handle that passes data by structured clone, as Electron's IPC does.
const GAME = 'app://game';
const PAY_SERVER = {
  url: 'https://pay.example.com',
  trustedKeys: [
    {
      kty: 'EC',
      crv: 'P-256',
      x: 'f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU',
      y: 'x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0',
      kid: 'k-1',
      alg: 'ES256' as const,
    },
  ],
};
const paidBill = {
  id: 'b_1',
  userId: 'player-1',
  itemId: 'coins-550',
  quantity: 1,
  amount: 499,
  currency: 'USD',
  channel: 'sandbox',
  state: 'paid',
};

function wire(
  service: Partial<GrantService>,
  senderUrl = `${GAME}/index.html`,
  playerToken = async () => 'eyJ.player-1.token',
) {
  const grant = vi.fn(service.grant ?? (async () => true));
  const wallet = vi.fn(service.wallet ?? (async () => ({ playerId: 'player-1', coins: 0 })));
  const session = { playerToken: vi.fn(playerToken) };
  const handlers = createBridgeHandlers({ grant, wallet }, { gameOrigin: GAME, payServer: PAY_SERVER, session });
  const invoke = vi.fn<Invoke>(async (channel: BridgeChannel, payload?: unknown) =>
    structuredClone(await handlers[channel](senderUrl, structuredClone(payload))),
  );
  return { game: createGameApi(invoke), invoke, grant, handlers, session };
}

describe('the preload and the main process across IPC', () => {
  it("sends only billId, userId, itemId and quantity of core's offer, and answers the main process's boolean", async () => {
    const { game, grant } = wire({ grant: async () => false });
    await expect(game.grant({ billId: 'b_1', bill: paidBill } as never)).resolves.toBe(false);
    expect(grant).toHaveBeenCalledWith({ billId: 'b_1', userId: 'player-1', itemId: 'coins-550', quantity: 1 });
  });

  it.each([
    ['no offer', undefined],
    ['a bill that is not the offered one', { billId: 'b_1', bill: { ...paidBill, id: 'b_2' } }],
    ['a malformed bill id', { billId: 'b 1', bill: { ...paidBill, id: 'b 1' } }],
    ['a negative quantity', { billId: 'b_1', bill: { ...paidBill, quantity: -1 } }],
    ['no bill', { billId: 'b_1' }],
  ])('refuses %s with INVALID_OFFER before anything crosses to the main process', async (_, offer) => {
    const { game, invoke } = wire({});
    const error = await game.grant(offer as never).catch((caught: unknown) => caught);
    expect(GameError.isInstance(error) && error.code).toBe('INVALID_OFFER');
    expect(invoke).not.toHaveBeenCalled();
  });

  it("turns the main process's refusal back into the same typed GameError", async () => {
    const { game } = wire({
      grant: async () => Promise.reject(new GameError('NOT_PAID', 'the pay server says bill b_1 is created.')),
    });
    const error = await game.grant({ billId: 'b_1', bill: paidBill } as never).catch((caught: unknown) => caught);
    expect(error).toMatchObject({
      name: 'GameError',
      code: 'NOT_PAID',
      message: 'NOT_PAID: the pay server says bill b_1 is created.',
    });
  });

  it('reports an unexpected failure of the main process as INTERNAL, not as its details', async () => {
    const { game } = wire({ wallet: async () => Promise.reject(new Error('EACCES /home/player/.config')) });
    const error = await game.coins().catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'INTERNAL' });
    expect((error as Error).message).not.toContain('EACCES');
  });

  it("serves only the game's own pages: a checkout window or any other page gets FORBIDDEN_SENDER", async () => {
    for (const sender of [
      'http://127.0.0.1:8787/v1/sandbox/checkout/b_1?token=t',
      'https://evil.example/',
      'app://other/index.html',
      '',
    ]) {
      const { game, grant } = wire({}, sender);
      await expect(game.grant({ billId: 'b_1', bill: paidBill } as never)).rejects.toMatchObject({
        code: 'FORBIDDEN_SENDER',
      });
      await expect(game.coins()).rejects.toMatchObject({ code: 'FORBIDDEN_SENDER' });
      await expect(game.playerToken()).rejects.toMatchObject({ code: 'FORBIDDEN_SENDER' });
      await expect(game.payServer()).rejects.toMatchObject({ code: 'FORBIDDEN_SENDER' });
      expect(grant).not.toHaveBeenCalled();
    }
  });

  it('checks a payload sent straight to IPC again (a compromised page skips the preload), and answers as data', async () => {
    const save = { playerId: 'player-1', coins: vi.fn(), hasGranted: vi.fn(), addCoinsOnce: vi.fn() };
    const signedResultOf = vi.fn();
    const handlers = createBridgeHandlers(createGrantService({ save, signedResultOf }), {
      gameOrigin: GAME,
      payServer: PAY_SERVER,
      session: { playerToken: async () => 'token' },
    });
    const forged = { billId: 'b_1', userId: 'player-1', itemId: 'coins-550', quantity: 1, coins: 1_000_000 };
    await expect(handlers[BRIDGE_CHANNELS.grant](`${GAME}/index.html`, forged)).resolves.toMatchObject({
      ok: false,
      error: { code: 'INVALID_OFFER' },
    });
    expect(signedResultOf).not.toHaveBeenCalled();
    expect(save.addCoinsOnce).not.toHaveBeenCalled();
  });

  it("hands the page the pay server and its pinned keys from the main process's config, whatever the page sends", async () => {
    const { game, handlers } = wire({});
    await expect(game.payServer()).resolves.toEqual(PAY_SERVER);
    const asked = await handlers[BRIDGE_CHANNELS.payServer](`${GAME}/index.html`, {
      url: 'http://evil.example',
      trustedKeys: [],
    });
    expect(asked).toEqual({ ok: true, value: PAY_SERVER });
  });

  it('hands the page a player token the main process got from the game backend, and LOGIN_FAILED as a typed error', async () => {
    const { game, session } = wire({});
    await expect(game.playerToken()).resolves.toBe('eyJ.player-1.token');
    expect(session.playerToken).toHaveBeenCalledTimes(1);
    const refused = wire({}, `${GAME}/index.html`, async () =>
      Promise.reject(new GameError('LOGIN_FAILED', 'the game backend refused the login (401).')),
    );
    await expect(refused.game.playerToken()).rejects.toMatchObject({ code: 'LOGIN_FAILED' });
  });

  it('lets the page read the code of an error copied by contextBridge, which keeps only the message', () => {
    const copied = new Error(new GameError('NOT_PAID', 'no').message); // what the page receives
    expect(gameErrorCode(copied)).toBe('NOT_PAID');
    expect(gameErrorCode(new Error('TypeError: x'))).toBeUndefined();
  });
});
