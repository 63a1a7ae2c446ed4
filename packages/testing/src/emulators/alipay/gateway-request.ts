import type { KeyObject } from 'node:crypto';
import { type Params, rsa2Verify, signContent } from './alipay-signing.js';

/** A merchant's request to `/gateway.do` whose signature verified: its parameters and its parsed `biz_content`. */
export interface GatewayRequest {
  method: string;
  params: Params;
  biz: Record<string, unknown>;
}

/** Why a request was refused, in Alipay's terms (`code` 40001/40002 with a `sub_code`). */
export interface GatewayRefusal {
  code: '40001' | '40002';
  msg: string;
  subCode: string;
  subMsg: string;
}

const refusal = (code: GatewayRefusal['code'], subCode: string, subMsg: string): GatewayRefusal => ({
  code,
  msg: code === '40001' ? 'Missing Required Arguments' : 'Invalid Arguments',
  subCode,
  subMsg,
});

/**
 * The request's parameters: the URL's query (where the SDK puts the common parameters and `sign`) and, for a POST,
 * the form body (`biz_content` and the rest). A parameter given twice is refused, never guessed.
 */
export function gatewayParams(url: URL, body: string): Params | GatewayRefusal {
  const params: Params = {};
  for (const source of [url.searchParams, new URLSearchParams(body)]) {
    for (const [key, value] of source) {
      if (Object.hasOwn(params, key)) return refusal('40002', 'isv.invalid-parameter', `duplicate parameter ${key}`);
      params[key] = value;
    }
  }
  return params;
}

/**
 * Checks a merchant's request as Alipay's gateway does: the common parameters, the app, and the RSA2 signature over
 * every parameter but `sign` with the app's public key (the one the merchant uploaded to the open platform).
 */
export function verifyGatewayRequest(
  params: Params,
  appId: string,
  appPublicKey: KeyObject,
): GatewayRequest | GatewayRefusal {
  for (const name of ['app_id', 'method', 'sign', 'sign_type', 'timestamp', 'version', 'charset']) {
    if (!params[name]) return refusal('40001', `isv.missing-${name.replace(/_/g, '-')}`, `missing ${name}`);
  }
  if (params.app_id !== appId) return refusal('40002', 'isv.invalid-app-id', 'no such app_id');
  if (params.sign_type !== 'RSA2') return refusal('40002', 'isv.invalid-signature-type', 'only RSA2 is supported');
  if (params.charset!.toLowerCase() !== 'utf-8') return refusal('40002', 'isv.invalid-charset', 'only utf-8');
  const content = signContent(params, ['sign']);
  if (!rsa2Verify(content, params.sign!, appPublicKey))
    return refusal('40002', 'isv.invalid-signature', `the signature does not verify; the gateway signed: ${content}`);
  let biz: unknown = {};
  if (params.biz_content !== undefined) {
    try {
      biz = JSON.parse(params.biz_content);
    } catch {
      return refusal('40002', 'isv.invalid-biz-content', 'biz_content is not JSON');
    }
  }
  if (typeof biz !== 'object' || biz === null || Array.isArray(biz))
    return refusal('40002', 'isv.invalid-biz-content', 'biz_content is not a JSON object');
  return { method: params.method!, params, biz: biz as Record<string, unknown> };
}

export const isRefusal = (value: unknown): value is GatewayRefusal =>
  typeof value === 'object' && value !== null && 'subCode' in value;
