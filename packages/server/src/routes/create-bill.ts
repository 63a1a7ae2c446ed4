import { actorOf } from '../activity/actor.js';
import { ownerOfNewBill } from '../auth/access-rules.js';
import { authenticate } from '../auth/authenticate.js';
import { isIdempotencyKey } from '@coinslot/protocol';
import { parseCreateBillBody, priceBill } from '../bills/create-bill-body.js';
import { createBillIdempotently } from '../bills/idempotent-create.js';
import { jsonResponse } from '../http/json-response.js';
import { ProtocolError } from '../http/protocol-error.js';
import { readJsonObject } from '../http/read-json-body.js';
import { driverContext, type RouteHandler } from '../server-context.js';
import { countryOfNewBill } from '../reports/bill-country.js';

/**
 * `POST /v1/bills`: identify the creator and its game, validate, price the bill (the game's catalog), then create once
 * per (game, owner, Idempotency-Key).
 */
export const createBill: RouteHandler = async ({ request, url }, ctx) => {
  const key = request.headers.get('idempotency-key');
  const identity = await authenticate(request, ctx.apps).catch(async (error: unknown) => {
    await request.body?.cancel().catch(() => undefined);
    throw error;
  });
  await ctx.limits.rate.charge('create', identity, request);
  if (!isIdempotencyKey(key)) {
    await request.body?.cancel().catch(() => undefined);
    throw new ProtocolError('MISSING_IDEMPOTENCY_KEY', 'Idempotency-Key must be 8–128 chars of [A-Za-z0-9_-]');
  }
  // The credential's game: its catalog prices the bill, its driver launches it, and the bill is its for good.
  const app = 'appId' in identity ? ctx.apps.get(identity.appId) : undefined;
  const catalog = (app ?? ctx.apps.default).catalog;
  const body = parseCreateBillBody(
    await readJsonObject(request, { maxBytes: ctx.options.maxBodyBytes }),
    catalog === undefined,
  );
  const userId = ownerOfNewBill(identity, body.userId);
  const country = countryOfNewBill(identity, body.country);
  if (!app) throw new Error(`no app for a ${identity.kind} identity`); // ownerOfNewBill refused every other kind
  const { country: _sentCountry, ...rest } = body;
  const sent = { ...rest, appId: app.id, userId, ...(country !== undefined && { country }) };
  const driver = app.drivers.get(sent.channel);
  if (!driver) {
    throw new ProtocolError('UNKNOWN_CHANNEL', `this server has no driver for channel ${sent.channel}`, {
      field: 'channel',
    });
  }
  const input = priceBill(sent, catalog);
  const outcome = await createBillIdempotently(input, key, driver, driverContext(url, ctx, app), ctx);
  if (outcome.status === 201) {
    const { bill } = outcome.body;
    ctx.options.logger.info('bill created', { billId: bill.id, userId: bill.userId, channel: bill.channel });
    const { appId, id: billId, channel, createdAt: at } = bill;
    ctx.activity.record({
      at,
      appId,
      kind: 'transition',
      outcome: 'created',
      actor: actorOf(identity),
      billId,
      channel,
    });
  }
  return jsonResponse(outcome.status, outcome.body);
};
