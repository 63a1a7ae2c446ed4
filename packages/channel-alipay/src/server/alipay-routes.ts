import { randomBytes } from 'node:crypto';
import type { DriverRouteContext } from '@coinslot/server';
import { ProtocolError } from '@coinslot/server';
import { ALIPAY_ID } from '../channel-id.js';
import { returnPage, returnPageHeaders } from './return-page.js';
import type { StatusToken } from './status-token.js';

const BILL_ID = /^[A-Za-z0-9_-]{1,64}$/;
const STATUS = new RegExp(`^/v1/${ALIPAY_ID}/status/([^/]+)$`);

function onlyGet(request: Request, path: string): void {
  if (request.method !== 'GET')
    throw new ProtocolError('METHOD_NOT_ALLOWED', `${path} answers GET`, { headers: { allow: 'GET' } });
}

/**
 * The driver's pages under `/v1/alipay/…`:
 * - `GET /v1/alipay/return` — Alipay's `return_url` after page pay (see `returnPage`);
 * - `GET /v1/alipay/status/:billId?token=T` — `{ "state" }` of the bill, for the adapter to poll while the cashier or
 *   the QR code shows; `T` is the per-bill token from the launch payload (`400 INVALID_FIELD` `token` otherwise).
 */
export async function alipayRoutes(
  request: Request,
  ctx: DriverRouteContext,
  { tokens, returnUrl }: { tokens: StatusToken; returnUrl: string | undefined },
): Promise<Response | undefined> {
  const { pathname, searchParams } = ctx.url;
  if (pathname === `/v1/${ALIPAY_ID}/return`) {
    onlyGet(request, pathname);
    const outTradeNo = searchParams.get('out_trade_no') ?? '';
    const nonce = randomBytes(16).toString('base64url');
    const billId = BILL_ID.test(outTradeNo) ? outTradeNo : undefined;
    return new Response(returnPage(billId, returnUrl, nonce), { status: 200, headers: returnPageHeaders(nonce) });
  }
  const status = STATUS.exec(pathname);
  if (!status) return undefined;
  onlyGet(request, pathname);
  const billId = status[1]!;
  if (!BILL_ID.test(billId) || !tokens.check(billId, searchParams.get('token') ?? ''))
    throw new ProtocolError('INVALID_FIELD', 'token is not this bill’s status token', { field: 'token' });
  const bill = await ctx.getBill(billId);
  if (!bill) throw new ProtocolError('BILL_NOT_FOUND', `no bill ${billId}`);
  return Response.json({ state: bill.state });
}
