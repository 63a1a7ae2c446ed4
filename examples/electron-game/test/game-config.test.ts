import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GAME_CONFIG_FILE, gamePageUrl, parseGameConfig, readGameConfig } from '../src/main/game-config.js';

const KEY = {
  kty: 'EC',
  crv: 'P-256',
  x: 'f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU',
  y: 'x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0',
  kid: 'k-1',
  alg: 'ES256',
};
const CONFIG = { payServer: 'https://pay.example.com/', gameBackend: 'https://game.example.com', trustedKeys: [KEY] };

describe("the main process's configuration: a file the app ships, nothing the player or the page can point elsewhere", () => {
  it('reads the pay server, the game backend and the pinned keys from game-config.json', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'coinslot-game-config-'));
    try {
      await writeFile(join(dir, GAME_CONFIG_FILE), JSON.stringify(CONFIG));
      const previous = process.env.COINSLOT_PAY_SERVER;
      process.env.COINSLOT_PAY_SERVER = 'http://127.0.0.1:9'; // what the example read before: no longer consulted
      try {
        expect(await readGameConfig(join(dir, GAME_CONFIG_FILE))).toEqual({
          ...CONFIG,
          payServer: 'https://pay.example.com',
        });
      } finally {
        if (previous === undefined) delete process.env.COINSLOT_PAY_SERVER;
        else process.env.COINSLOT_PAY_SERVER = previous;
      }
      await expect(readGameConfig(join(dir, 'missing.json'))).rejects.toThrow(/game-config\.json is missing/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('gives the game page a URL that names no pay server', () => {
    expect(gamePageUrl()).toBe('app://game/index.html');
  });

  it.each([
    ['a pay server that is not http(s)', { ...CONFIG, payServer: 'javascript:alert(1)' }, /payServer must be/],
    ['a pay server with a query', { ...CONFIG, payServer: 'https://pay.example.com/?x=1' }, /payServer must be/],
    ['no game backend', { ...CONFIG, gameBackend: undefined }, /gameBackend must be/],
    ['no pinned keys', { ...CONFIG, trustedKeys: [] }, /trustedKeys must be/],
    ['a key without kid', { ...CONFIG, trustedKeys: [{ ...KEY, kid: undefined }] }, /trustedKeys must be/],
    ['a private key', { ...CONFIG, trustedKeys: [{ ...KEY, d: 'x'.repeat(43) }] }, /trustedKeys must be/],
    ['nothing', null, /trustedKeys must be/],
  ])('refuses %s', (_, value, message) => {
    expect(() => parseGameConfig(value)).toThrow(message);
  });
});
