import { generateKeyPairSync, randomBytes, randomInt } from 'node:crypto';

/** What WeChat Pay's merchant platform gives a merchant, made up for one emulator run (test keys, never real ones). */
export interface EmulatedMerchant {
  /** The merchant id (商户号), 10 digits. */
  mchid: string;
  /** The AppID bound to the merchant (`wx` + 16 hex). */
  appid: string;
  /** The API certificate's serial number (40 upper-case hex characters). */
  serialNo: string;
  /** The API private key, PKCS#8 PEM (what `apiclient_key.pem` holds): the driver signs requests with it. */
  privateKey: string;
  /** Its public key, SPKI PEM: the emulator verifies requests with it. */
  publicKey: string;
  /** The APIv3 key, 32 characters: notifications' resources are encrypted with it. */
  apiV3Key: string;
  /** The APIv2 key, 32 characters: the v2 `refundquery` is signed with it. */
  apiV2Key: string;
}

/** WeChat Pay's own signing key in "WeChat Pay public key" mode. */
export interface EmulatedPlatformKey {
  /** The key id, `PUB_KEY_ID_` + 28 digits, sent as `Wechatpay-Serial`. */
  id: string;
  /** The private key the emulator signs answers and notifications with. */
  privateKey: string;
  /** The public key, SPKI PEM: what the merchant downloads and gives the driver. */
  publicKey: string;
}

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** `length` random characters of `[A-Za-z0-9]`. */
export function randomText(length: number): string {
  return Array.from({ length }, () => ALNUM[randomInt(ALNUM.length)]).join('');
}

/** `length` random digits. */
export function randomDigits(length: number): string {
  return Array.from({ length }, () => String(randomInt(10))).join('');
}

function rsaKeyPair(): { privateKey: string; publicKey: string } {
  return generateKeyPairSync('rsa', {
    modulusLength: 2048,
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });
}

/** A fresh merchant: ids, an RSA-2048 API key pair, and APIv3 / APIv2 keys. */
export function newMerchant(): EmulatedMerchant {
  return {
    mchid: `19${randomDigits(8)}`,
    appid: `wx${randomBytes(8).toString('hex')}`,
    serialNo: randomBytes(20).toString('hex').toUpperCase(),
    ...rsaKeyPair(),
    apiV3Key: randomText(32),
    apiV2Key: randomText(32),
  };
}

/** A fresh WeChat Pay public key (RSA-2048) and its id. */
export function newPlatformKey(): EmulatedPlatformKey {
  return { id: `PUB_KEY_ID_01${randomDigits(26)}`, ...rsaKeyPair() };
}
