import { describe, expect, it } from 'vitest';
import { createSandboxDriver } from '../drivers/sandbox/sandbox-driver.js';
import { createPayServer, type PayServer } from '../create-pay-server.js';
import type { PayServerOptions } from '../options.js';
import type { AppOptions } from './app-options.js';

const KEY_A = `csk_${'a'.repeat(43)}`;
const KEY_B = `csk_${'b'.repeat(43)}`;
const JWKS = { keys: [] };
const tokens = (issuer: string, audience = 'https://pay.example') => ({ issuer, audience, publicKeys: JWKS });

const base: PayServerOptions = {
  auth: { serverKeys: [KEY_A], playerTokens: tokens('https://castle.example') },
  catalog: { gem: { amount: 499, currency: 'USD' } },
  drivers: [createSandboxDriver()],
};
const app = (overrides: Partial<AppOptions> = {}): AppOptions => ({
  auth: { serverKeys: [KEY_B], playerTokens: tokens('https://space-miner.example') },
  catalog: { gem: { amount: 1299, currency: 'EUR' } },
  drivers: [createSandboxDriver()],
  ...overrides,
});
const start = async (options: Partial<PayServerOptions>): Promise<PayServer> => {
  const server = await createPayServer({ ...base, ...options });
  await server.close();
  return server;
};

describe('createPayServer with apps', () => {
  it('starts with a second game whose credentials differ from the default game’s', async () => {
    await expect(start({ apps: { 'space-miner': app() } })).resolves.toBeDefined();
  });

  it('refuses a server key two games share: a key must name one game', async () => {
    const shared = app({ auth: { serverKeys: [KEY_A] } });
    await expect(start({ apps: { 'space-miner': shared } })).rejects.toThrow(
      /default and space-miner share a server key/,
    );
  });

  it('refuses two games taking player tokens of one issuer and audience; another audience is fine', async () => {
    const same = app({ auth: { playerTokens: tokens('https://castle.example') } });
    await expect(start({ apps: { 'space-miner': same } })).rejects.toThrow(/one issuer and audience/);
    const ownAudience = app({ auth: { playerTokens: tokens('https://castle.example', 'https://pay.example/miner') } });
    await expect(start({ apps: { 'space-miner': ownAudience } })).resolves.toBeDefined();
  });

  it('refuses bad app ids, "default" among them, and a game without catalog, drivers or real auth', async () => {
    for (const id of ['default', 'Space', '-x', 'a_b', 'g'.repeat(41)]) {
      await expect(start({ apps: { [id]: app() } }), id).rejects.toThrow(/Invalid app id/);
    }
    const without = (field: keyof AppOptions) => {
      const options = app();
      delete options[field];
      return options;
    };
    await expect(start({ apps: { g: without('catalog') } })).rejects.toThrow(/apps.g: catalog is required/);
    await expect(start({ apps: { g: without('drivers') } })).rejects.toThrow(/apps.g: drivers is required/);
    await expect(start({ apps: { g: app({ auth: {} }) } })).rejects.toThrow(/apps.g: .*playerTokens, serverKeys/);
    const devAuth = app({ auth: { development: true } as AppOptions['auth'] });
    await expect(start({ apps: { g: devAuth } })).rejects.toThrow(/development and billTokenSecret are the server's/);
  });

  it('refuses apps with development auth at the top: development mode runs one game', async () => {
    const development = { auth: { development: true }, catalog: undefined, drivers: undefined };
    await expect(start({ ...development, apps: { g: app() } })).rejects.toThrow(/development auth runs one game/);
  });
});
