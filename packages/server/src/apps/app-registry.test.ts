import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import type { ResolvedAuth } from '../auth/auth-options.js';
import type { BillTokens } from '../auth/bill-tokens.js';
import type { PlayerTokens } from '../auth/player-tokens.js';
import { ServerKeys } from '../auth/server-keys.js';
import type { App } from './app.js';
import { AppRegistry } from './app-registry.js';

const KEY_A = `csk_${'a'.repeat(43)}`;
const KEY_B = `csk_${'b'.repeat(43)}`;

/** A game whose player tokens are of `issuer` and `audience`, with one server key. */
async function game(id: string, issuer: string, audience: string, key: string): Promise<App> {
  const playerTokens = { issuer, audience } as PlayerTokens;
  const auth = { playerTokens, serverKeys: await ServerKeys.create([key]) } as ResolvedAuth;
  return { id, auth, catalog: undefined, drivers: new Map() };
}

/** An unsigned-looking JWT with these claims: the registry reads `iss` and `aud` only to pick the verifier. */
const token = (iss: string, aud: string | string[]) =>
  new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setIssuer(iss).setAudience(aud).sign(new Uint8Array(32));

describe('AppRegistry', () => {
  it('finds the game of a server key among every game’s keys, and none for an unknown key', async () => {
    const apps = new AppRegistry(
      [await game('default', 'https://a', 'pay', KEY_A), await game('miner', 'https://b', 'pay', KEY_B)],
      {} as BillTokens,
    );
    expect((await apps.appOfServerKey(KEY_B))?.id).toBe('miner');
    expect((await apps.appOfServerKey(KEY_A))?.id).toBe('default');
    expect(await apps.appOfServerKey(`csk_${'c'.repeat(43)}`)).toBeUndefined();
  });

  it('picks a player token’s game by issuer and audience, and none when it names no game or two', async () => {
    const apps = new AppRegistry(
      [await game('default', 'https://studio', 'castle', KEY_A), await game('miner', 'https://studio', 'miner', KEY_B)],
      {} as BillTokens,
    );
    expect(apps.appOfPlayerToken(await token('https://studio', 'miner'))?.id).toBe('miner');
    expect(apps.appOfPlayerToken(await token('https://studio', 'castle'))?.id).toBe('default');
    expect(apps.appOfPlayerToken(await token('https://other', 'miner'))).toBeUndefined();
    expect(apps.appOfPlayerToken(await token('https://studio', ['castle', 'miner']))).toBeUndefined();
    expect(apps.appOfPlayerToken('not-a-jwt')).toBeUndefined();
  });

  it('hands every token to the only game that takes player tokens (its verifier then checks the claims)', async () => {
    const only = await game('default', 'https://a', 'pay', KEY_A);
    const keysOnly = {
      ...(await game('miner', 'https://b', 'pay', KEY_B)),
      auth: { serverKeys: undefined } as ResolvedAuth,
    };
    const apps = new AppRegistry([only, keysOnly], {} as BillTokens);
    expect(apps.appOfPlayerToken(await token('https://elsewhere', 'x'))?.id).toBe('default');
  });

  it('needs the default game', () => {
    expect(() => new AppRegistry([], {} as BillTokens)).toThrow(/default app/);
  });
});
