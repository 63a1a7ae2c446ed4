import { createHmac, timingSafeEqual } from 'node:crypto';
import { ProtocolError, type DriverRouteContext } from '@coinslot/server';
import { WECHATPAY_ID } from '../channel-id.js';

/**
 * The status route the adapter polls while its QR code is shown: `GET /v1/wechatpay/bills/:billId/status?token=T`
 * answers `{ "state": "<the bill's state>" }`. WeChat Pay tells the pay server, not the browser, when the player paid;
 * this is how the adapter learns that it can take the QR code down and let core read the signed result. It reveals
 * the state only, and only to the holder of the launch payload: `T` is derived from the APIv3 key and the bill id.
 */
const STATUS_PATH = new RegExp(`^/v1/${WECHATPAY_ID}/bills/([A-Za-z0-9_-]{1,64})/status$`);

/** Derives and checks status tokens: the first 16 bytes, base64url, of HMAC-SHA256 of the bill id. */
export class StatusTokens {
  readonly #key: Buffer;

  constructor(apiV3Key: Buffer) {
    // A key of its own, so a token says nothing about the APIv3 key's other uses.
    this.#key = createHmac('sha256', apiV3Key).update('coinslot-wechatpay/status-token').digest();
  }

  of(billId: string): string {
    return createHmac('sha256', this.#key).update(billId, 'utf8').digest().subarray(0, 16).toString('base64url');
  }

  matches(billId: string, token: string): boolean {
    const expected = Buffer.from(this.of(billId), 'utf8');
    const given = Buffer.from(token, 'utf8');
    return given.length === expected.length && timingSafeEqual(given, expected);
  }
}

/** The status URL of a bill, for its launch payload. */
export function statusUrl(publicUrl: string, billId: string, tokens: StatusTokens): string {
  return `${publicUrl}/v1/${WECHATPAY_ID}/bills/${billId}/status?token=${tokens.of(billId)}`;
}

/** Answers the status route, or `undefined` for any other path (the server answers `404`). */
export async function statusRoute(
  request: Request,
  ctx: DriverRouteContext,
  tokens: StatusTokens,
): Promise<Response | undefined> {
  const billId = STATUS_PATH.exec(ctx.url.pathname)?.[1];
  if (billId === undefined) return undefined;
  if (request.method !== 'GET')
    throw new ProtocolError('METHOD_NOT_ALLOWED', `${ctx.url.pathname} answers GET`, { headers: { allow: 'GET' } });
  if (!tokens.matches(billId, ctx.url.searchParams.get('token') ?? ''))
    throw new ProtocolError('INVALID_FIELD', 'token is not this bill’s status token', { field: 'token' });
  const bill = await ctx.getBill(billId);
  if (bill === undefined) throw new ProtocolError('BILL_NOT_FOUND', `no bill ${billId}`);
  return new Response(JSON.stringify({ state: bill.state }), {
    headers: { 'content-type': 'application/json', 'cache-control': 'no-store' },
  });
}
