import type { Bill } from '@coinslot/core';
import type { KeyObject } from 'node:crypto';
import type { AlipayFlow } from '../alipay-launch.js';
import { normaliseAlipayPublicKey, normaliseAppPrivateKey } from './alipay-keys.js';

/** Alipay's production gateway. Its sandbox is `https://openapi-sandbox.dl.alipaydev.com/gateway.do`. */
export const ALIPAY_GATEWAY = 'https://openapi.alipay.com/gateway.do';

/**
 * Options of {@link createAlipayDriver}: the app's keys live here, on the pay server, read from its secret store —
 * never in the game.
 */
export interface AlipayDriverOptions {
  /** The app's id on Alipay's open platform (`2021…`). */
  appId: string;
  /** The app's RSA2 private key (PKCS#1 or PKCS#8; PEM, or the bare base64 Alipay's key tool writes). Never logged. */
  appPrivateKey: string;
  /** The "Alipay public key" the open platform shows for the app (PEM or bare base64): verifies answers and notifications. */
  alipayPublicKey: string;
  /** Alipay's gateway. @default 'https://openapi.alipay.com/gateway.do' */
  gateway?: string;
  /** Page pay (`alipay.trade.page.pay`, a cashier page) or precreate (`alipay.trade.precreate`, a QR code). @default 'page' */
  flow?: AlipayFlow;
  /**
   * Where the driver's return page sends a player who paid in a **redirect** (not a popup): the game's page,
   * absolute http(s). It gets `?alipayReturn=<bill id>`. @default none: the return page says "return to the game"
   */
  returnUrl?: string;
  /**
   * How old a notification's signed `notify_time` may be, in seconds. Older ones are refused (a captured
   * notification replayed later); Alipay retries for about 25 hours. @default 93600 (26 h)
   */
  notificationMaxAgeSeconds?: number;
  /** How long one call to Alipay's gateway may take, in ms. @default 10000 */
  timeoutMs?: number;
  /** The trade's `subject` (what the buyer sees, at most 256 characters). @default the item id, with "× n" for n > 1 */
  subject?: (bill: Readonly<Bill>) => string;
}

/** The options after the factory checked them. */
export interface ResolvedAlipayOptions {
  appId: string;
  appPrivateKeyPem: string;
  appPrivateKey: KeyObject;
  alipayPublicKeyPem: string;
  gateway: string;
  flow: AlipayFlow;
  returnUrl: string | undefined;
  notificationMaxAgeMs: number;
  timeoutMs: number;
  subject: (bill: Readonly<Bill>) => string;
}

/** The factory's refusal: names the option, never its value (it may be a secret). */
const invalid = (name: string, rule: string) => new TypeError(`createAlipayDriver: ${name} ${rule}`);

function httpUrl(name: string, value: unknown): string {
  try {
    const url = new URL(String(value));
    if (typeof value === 'string' && (url.protocol === 'https:' || url.protocol === 'http:')) return value;
  } catch {}
  throw invalid(name, 'must be an absolute http(s) URL');
}

function bounded(name: string, value: unknown, fallback: number, min: number, max: number): number {
  const resolved = value ?? fallback;
  if (typeof resolved !== 'number' || !Number.isFinite(resolved) || resolved < min || resolved > max)
    throw invalid(name, `must be a number from ${min} to ${max}`);
  return resolved;
}

const defaultSubject = (bill: Readonly<Bill>) =>
  bill.quantity > 1 ? `${bill.itemId} × ${bill.quantity}` : bill.itemId;

/**
 * Checks the options once, when the pay server starts, so a missing or unreadable key stops the server instead of
 * failing the first player's purchase.
 * @throws TypeError naming the first wrong option
 */
export function resolveAlipayOptions(options: AlipayDriverOptions): ResolvedAlipayOptions {
  if (typeof options !== 'object' || options === null) throw invalid('options', 'must be an object');
  const { appId, appPrivateKey, alipayPublicKey, flow = 'page' } = options;
  if (typeof appId !== 'string' || !/^\d{16}$/.test(appId)) throw invalid('appId', 'must be the 16-digit app id');
  if (typeof appPrivateKey !== 'string') throw invalid('appPrivateKey', 'must be a string (PEM or base64)');
  if (typeof alipayPublicKey !== 'string') throw invalid('alipayPublicKey', 'must be a string (PEM or base64)');
  let privateKey: ReturnType<typeof normaliseAppPrivateKey>;
  let publicPem: string;
  try {
    privateKey = normaliseAppPrivateKey(appPrivateKey);
  } catch {
    throw invalid('appPrivateKey', 'is not an RSA private key (PKCS#1 or PKCS#8, PEM or base64)');
  }
  try {
    publicPem = normaliseAlipayPublicKey(alipayPublicKey);
  } catch {
    throw invalid('alipayPublicKey', 'is not an RSA public key (PEM or base64)');
  }
  if (flow !== 'page' && flow !== 'precreate') throw invalid('flow', 'must be "page" or "precreate"');
  if (options.subject !== undefined && typeof options.subject !== 'function')
    throw invalid('subject', 'must be a function');
  return {
    appId,
    appPrivateKeyPem: privateKey.pem,
    appPrivateKey: privateKey.key,
    alipayPublicKeyPem: publicPem,
    gateway: httpUrl('gateway', options.gateway ?? ALIPAY_GATEWAY),
    flow,
    returnUrl: options.returnUrl === undefined ? undefined : httpUrl('returnUrl', options.returnUrl),
    notificationMaxAgeMs:
      bounded('notificationMaxAgeSeconds', options.notificationMaxAgeSeconds, 93_600, 60, 7 * 86_400) * 1000,
    timeoutMs: bounded('timeoutMs', options.timeoutMs, 10_000, 100, 120_000),
    subject: options.subject ?? defaultSubject,
  };
}
