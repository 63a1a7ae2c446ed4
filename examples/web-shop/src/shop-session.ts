import type { ResultPublicKey } from '@coinslot/core';
import { findShopChannel, type ShopChannelId } from './shop-channels.js';

// The page's side of the shop's game backend (server/shop-backend.ts). Every call goes to this page's own origin;
// the session cookie is HttpOnly, so the page never sees it, and the backend decides which player a token names.

const postJson = (path: string, body: unknown = {}): Promise<Response> =>
  fetch(path, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

async function read<T>(response: Response, what: string): Promise<T> {
  if (!response.ok) {
    const message = ((await response.json().catch(() => null)) as { error?: { message?: string } } | null)?.error
      ?.message;
    throw new Error(`${what}: ${message ?? `the shop answered ${response.status}`}`);
  }
  return (await response.json()) as T;
}

/** The logged-in player's id, or `undefined` when nobody is logged in. */
export async function currentPlayer(): Promise<string | undefined> {
  const response = await fetch('/api/session', { credentials: 'same-origin' });
  if (response.status === 401) return undefined;
  return (await read<{ playerId: string }>(response, 'session')).playerId;
}

/** The demo login: the player picks a name; the backend sets the session cookie. */
export async function logIn(name: string): Promise<string> {
  return (await read<{ playerId: string }>(await postJson('/api/login', { name }), 'login')).playerId;
}

/** End the session. */
export async function logOut(): Promise<void> {
  await read(await postJson('/api/logout'), 'logout');
}

/** core's `getPlayerToken`: a fresh player token for the session's player, minted by the backend. */
export async function playerToken(): Promise<string> {
  const response = await postJson('/api/coinslot-token');
  if (response.status === 401) throw new Error('Your session has ended: reload the page and log in again.');
  return (await read<{ token: string }>(response, 'player token')).token;
}

/** What the shop's backend says about its pay server (`GET /api/coinslot-config`). */
export interface ShopConfig {
  /** The pay server's public keys to pin (`trustedKeys`), as the backend read them from its pay server at start. */
  trustedKeys: ResultPublicKey[];
  /** The channels the pay server runs, in the picker's order (the ones this page knows). */
  channels: ShopChannelId[];
  /** Whether the real channels run against their emulators (`npm start -- --emulators`). */
  emulators: boolean;
}

/** The pay server's keys and channels. The page never takes keys from an address it does not own. */
export async function shopConfig(): Promise<ShopConfig> {
  const config = await read<{ trustedKeys: ResultPublicKey[]; channels?: string[]; emulators?: boolean }>(
    await fetch('/api/coinslot-config', { credentials: 'same-origin' }),
    'shop configuration',
  );
  return {
    trustedKeys: config.trustedKeys,
    channels: (config.channels ?? ['sandbox']).flatMap((id) => findShopChannel(id)?.id ?? []),
    emulators: config.emulators === true,
  };
}
