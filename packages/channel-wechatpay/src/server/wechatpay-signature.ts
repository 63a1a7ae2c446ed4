import { createPublicKey, createVerify, type KeyObject } from 'node:crypto';

/** The headers WeChat Pay signs its answers and notifications with. */
export const SIGNATURE_HEADERS = {
  timestamp: 'wechatpay-timestamp',
  nonce: 'wechatpay-nonce',
  signature: 'wechatpay-signature',
  serial: 'wechatpay-serial',
} as const;

/**
 * WeChat Pay sends "signature probes" whose signature starts with this text, to check that a merchant really
 * verifies: they must fail (and do, as they verify under no key).
 */
const PROBE_PREFIX = 'WECHATPAY/SIGNTEST/';

/** WeChat Pay's verification keys by serial: the WeChat Pay public key (`PUB_KEY_ID_…`) and/or platform certificates. */
export type WechatPayKeys = ReadonlyMap<string, KeyObject>;

/**
 * Read WeChat Pay's keys: each value is a PEM public key (the "WeChat Pay public key", whose id `PUB_KEY_ID_…` is its
 * serial) or a PEM platform certificate (its serial number in hex), keyed by that serial.
 * @throws TypeError naming the serial whose value is not a usable RSA public key or certificate
 */
export function readWechatPayKeys(keys: Readonly<Record<string, string>>): WechatPayKeys {
  const ring = new Map<string, KeyObject>();
  for (const [serial, pem] of Object.entries(keys)) {
    let key: KeyObject;
    try {
      key = createPublicKey(pem);
    } catch {
      throw new TypeError(`wechatpayPublicKeys["${serial}"] is not a PEM public key or certificate`);
    }
    if (key.asymmetricKeyType !== 'rsa') throw new TypeError(`wechatpayPublicKeys["${serial}"] is not an RSA key`);
    ring.set(serial, key);
  }
  return ring;
}

/** Where a signature came from: the four headers as received. */
export interface SignedMessage {
  headers: Headers;
  /** The raw body bytes. */
  body: Uint8Array;
}

/**
 * Check WeChat Pay's signature on an answer or a notification: SHA256withRSA over `timestamp\nnonce\nbody\n` under the
 * key named by `Wechatpay-Serial`, and a timestamp at most `toleranceSeconds` from `nowMs` either way (a captured
 * message replayed later is refused). Returns why it is refused, or `undefined` when it verifies.
 */
export function signatureProblem(
  keys: WechatPayKeys,
  { headers, body }: SignedMessage,
  nowMs: number,
  toleranceSeconds: number,
): string | undefined {
  const timestamp = headers.get(SIGNATURE_HEADERS.timestamp);
  const nonce = headers.get(SIGNATURE_HEADERS.nonce);
  const signature = headers.get(SIGNATURE_HEADERS.signature);
  const serial = headers.get(SIGNATURE_HEADERS.serial);
  if (timestamp === null || nonce === null || signature === null || serial === null)
    return 'a Wechatpay-Timestamp, -Nonce, -Signature or -Serial header is missing';
  if (!/^\d{1,12}$/.test(timestamp)) return 'Wechatpay-Timestamp is not a number of seconds';
  const skew = Math.abs(nowMs / 1000 - Number(timestamp));
  if (skew > toleranceSeconds) return `Wechatpay-Timestamp is ${Math.round(skew)} s away from the server's clock`;
  if (signature.startsWith(PROBE_PREFIX)) return 'a WeChat Pay signature probe (it must fail)';
  const key = keys.get(serial);
  if (key === undefined) return `unknown Wechatpay-Serial ${JSON.stringify(serial.slice(0, 64))}`;
  const verifier = createVerify('RSA-SHA256');
  verifier.update(`${timestamp}\n${nonce}\n`, 'utf8');
  verifier.update(body);
  verifier.update('\n', 'utf8');
  return verifier.verify(key, signature, 'base64') ? undefined : 'bad Wechatpay-Signature';
}
