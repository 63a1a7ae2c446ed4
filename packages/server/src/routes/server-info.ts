import { jsonResponse } from '../http/json-response.js';
import type { RouteHandler } from '../server-context.js';

/** `GET /v1/keys`: the public result-signing keys. */
export const getKeys: RouteHandler = async (_req, ctx) => jsonResponse(200, { keys: [ctx.signer.publicKey] });

/** `GET /v1/channels`: the channels this server has drivers for. */
export const getChannels: RouteHandler = async (_req, ctx) =>
  jsonResponse(200, {
    channels: [...ctx.drivers.values()].map((driver) => ({ id: driver.id, resultSource: [...driver.resultSource] })),
  });
