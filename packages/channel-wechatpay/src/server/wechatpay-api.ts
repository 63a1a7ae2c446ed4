import { merchantAuthorization } from './merchant-authorization.js';
import type { ResolvedWechatPayOptions } from './wechatpay-driver-options.js';
import { signatureProblem } from './wechatpay-signature.js';

/** A verified 2xx answer of WeChat Pay API v3: its status and its JSON body (`undefined` for `204`). */
export interface WechatPayAnswer {
  status: number;
  body: unknown;
}

/**
 * WeChat Pay answered with an error (`{ code, message }`), or its answer could not be trusted. The message never
 * contains a key; `code` is WeChat Pay's (`ORDER_NOT_EXIST`, `PARAM_ERROR`…) or `UNVERIFIED` / `UNREACHABLE`.
 */
export class WechatPayApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'WechatPayApiError';
  }
}

function parseJson(text: string): unknown {
  try {
    return text === '' ? undefined : JSON.parse(text);
  } catch {
    return undefined;
  }
}

function errorOf(status: number, body: unknown, what: string): WechatPayApiError {
  const { code, message } = (body ?? {}) as { code?: unknown; message?: unknown };
  const name = typeof code === 'string' ? code : 'HTTP_ERROR';
  const text = typeof message === 'string' ? `: ${message.slice(0, 200)}` : '';
  return new WechatPayApiError(status, name, `WeChat Pay refused ${what} (HTTP ${status} ${name}${text})`);
}

/**
 * Call WeChat Pay API v3: sign the request with the merchant key (`Authorization`), send it, and accept a 2xx answer
 * only when WeChat Pay's signature over it verifies under a known key within the time tolerance.
 *
 * @param what what the call does, for error messages
 * @throws WechatPayApiError on a non-2xx answer, an unverified answer, or no answer at all
 */
export async function callWechatPay(
  options: ResolvedWechatPayOptions,
  request: { method: 'GET' | 'POST'; path: string; body?: unknown; what: string },
  nowMs: number,
): Promise<WechatPayAnswer> {
  const body = request.body === undefined ? '' : JSON.stringify(request.body);
  const authorization = merchantAuthorization(options.merchant, {
    method: request.method,
    url: request.path,
    body,
    timestamp: Math.floor(nowMs / 1000),
  });
  let response: Response;
  try {
    response = await options.fetch(`${options.baseUrl}${request.path}`, {
      method: request.method,
      headers: {
        authorization,
        accept: 'application/json',
        'user-agent': 'coinslot-channel-wechatpay',
        ...(request.method === 'POST' ? { 'content-type': 'application/json' } : {}),
      },
      ...(request.method === 'POST' ? { body } : {}),
      signal: AbortSignal.timeout(options.timeoutMs),
    });
  } catch (error) {
    throw new WechatPayApiError(0, 'UNREACHABLE', `WeChat Pay could not be reached for ${request.what}: ${error}`);
  }
  const raw = new Uint8Array(await response.arrayBuffer());
  const text = new TextDecoder().decode(raw);
  if (!response.ok) throw errorOf(response.status, parseJson(text), request.what);
  const problem = signatureProblem(
    options.wechatpayKeys,
    { headers: response.headers, body: raw },
    nowMs,
    options.toleranceSeconds,
  );
  if (problem !== undefined)
    throw new WechatPayApiError(response.status, 'UNVERIFIED', `WeChat Pay's answer to ${request.what}: ${problem}`);
  return { status: response.status, body: parseJson(text) };
}
