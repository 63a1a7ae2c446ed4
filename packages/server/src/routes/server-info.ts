import { authenticate } from '../auth/authenticate.js';
import { readCredential } from '../auth/credential.js';
import { jsonResponse } from '../http/json-response.js';
import type { RouteHandler } from '../server-context.js';

/** `GET /v1/keys`: the public result-signing keys. */
export const getKeys: RouteHandler = async (_req, ctx) => jsonResponse(200, { keys: [ctx.signer.publicKey] });

/**
 * `GET /v1/channels`: the channels this server has drivers for — the credential's game's when a player token or server
 * key is sent (each game has its own channels), else the default app's.
 */
export const getChannels: RouteHandler = async ({ request }, ctx) => {
  const identity = readCredential(request).kind === 'bill-token' ? undefined : await authenticate(request, ctx.apps);
  const app = (identity && 'appId' in identity && ctx.apps.get(identity.appId)) || ctx.apps.default;
  return jsonResponse(200, {
    channels: [...app.drivers.values()].map((driver) => ({ id: driver.id, resultSource: [...driver.resultSource] })),
  });
};
