import type { Bill } from '@coinslot/protocol';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';
import { createSandboxDriver, generateWebhookKey, type AppOptions, type PayServerOptions } from '../src/index.js';
import { startReceiver, type WebhookReceiver } from './events-receiver.js';
import { call, randomKey, startTestServer, type TestServer } from './helpers.js';

/** One game of the two-game server: its backend's keys, its webhook endpoint and the secret of its sandbox. */
export interface Game {
  appId: string;
  serverKey: string;
  sandboxSecret: string;
  webhooks: WebhookReceiver;
  /** A player token of this game for `userId` (its backend's key, issuer and audience). */
  playerToken(userId: string): Promise<string>;
  /** The price of one `gem` in this game's catalog. */
  gem: { amount: number; currency: string };
}

/** A pay server running two games, `castle` (the default app) and `space-miner`, with what each game holds. */
export interface TwoGames {
  server: TestServer;
  castle: Game;
  miner: Game;
}

const AUDIENCE = 'https://pay.example';

async function gameKeys(issuer: string): Promise<{ jwk: JWK; sign: (userId: string) => Promise<string> }> {
  const pair = await generateKeyPair('ES256', { extractable: true });
  const privateKey: CryptoKey = pair.privateKey;
  const jwk = { ...(await exportJWK(pair.publicKey)), kid: issuer, alg: 'ES256' };
  const sign = (userId: string) =>
    new SignJWT({})
      .setProtectedHeader({ alg: 'ES256', kid: issuer })
      .setIssuer(issuer)
      .setAudience(AUDIENCE)
      .setSubject(userId)
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(privateKey);
  return { jwk, sign };
}

/** The options of one game: its auth, catalog, sandbox with its own secret, and webhook endpoint. */
async function game(appId: string, issuer: string, gem: Game['gem']): Promise<{ game: Game; options: AppOptions }> {
  const keys = await gameKeys(issuer);
  const webhooks = await startReceiver();
  const serverKey = `csk_${randomKey(32)}`;
  const sandboxSecret = `sandbox-secret-of-${appId}-${randomKey(8)}`;
  const signing = { privateKey: (await generateWebhookKey()).privateKey };
  return {
    game: { appId, serverKey, sandboxSecret, webhooks, playerToken: keys.sign, gem },
    options: {
      auth: {
        playerTokens: { issuer, audience: AUDIENCE, publicKeys: { keys: [keys.jwk] } },
        serverKeys: [serverKey],
      },
      catalog: { gem },
      drivers: [createSandboxDriver({ secret: sandboxSecret })],
      events: { webhookUrl: webhooks.url, signing },
    },
  };
}

/**
 * Starts a pay server with two games that share one player-token audience (told apart by issuer), each with its own
 * catalog (a `gem` at a different price), sandbox secret, server key and webhook endpoint.
 */
export async function startTwoGames(extra: Partial<PayServerOptions> = {}): Promise<TwoGames> {
  const castle = await game('default', 'https://castle.example', { amount: 499, currency: 'USD' });
  const miner = await game('space-miner', 'https://space-miner.example', { amount: 1299, currency: 'EUR' });
  const server = await startTestServer({
    ...castle.options,
    auth: { ...castle.options.auth, billTokenSecret: randomKey(32) },
    apps: { 'space-miner': miner.options },
    ...extra,
  });
  return { server, castle: castle.game, miner: miner.game };
}

/** Creates a `gem` bill in `game` with its player token (`userId`), answering the create's body. */
export async function buyGem(
  server: TestServer,
  game: Game,
  userId: string,
): Promise<{ bill: Bill; launch: Record<string, string>; billToken: string }> {
  const answer = await call(server, '/v1/bills', {
    json: { itemId: 'gem', quantity: 1, currency: game.gem.currency, channel: 'sandbox' },
    headers: { 'idempotency-key': randomKey(), authorization: `Bearer ${await game.playerToken(userId)}` },
  });
  if (answer.status !== 201) throw new Error(`create answered ${answer.status}: ${JSON.stringify(answer.body)}`);
  return answer.body;
}

/** Pays a bill through its sandbox checkout's decide URL (the launch payload's), as the player's approve would. */
export async function approve(server: TestServer, launch: Record<string, string>): Promise<void> {
  const answer = await call(server, launch.decideUrl!, { json: { decision: 'approve' } });
  if (answer.status !== 200) throw new Error(`decide answered ${answer.status}: ${JSON.stringify(answer.body)}`);
}
