import type { ChannelEntry } from '@coinslot/server';
import type { AlipayFlow } from '../alipay-launch.js';
import { createAlipayDriver } from './create-alipay-driver.js';

const KNOWN = [
  'appId',
  'appPrivateKey',
  'alipayPublicKey',
  'gateway',
  'flow',
  'returnUrl',
  'notificationMaxAgeSeconds',
];

/**
 * A configuration problem, naming the field (`channels.alipay.appId`) and never a value. Named `ConfigError` (with
 * its `problems`), so the pay server's CLI reports it as its own configuration errors, unwrapped.
 */
const problem = (field: string, message: string) =>
  Object.assign(new Error(`${field}: ${message}`), { name: 'ConfigError', problems: [{ field, message }] });

function optionalText(options: Record<string, unknown>, key: string, field: string): string | undefined {
  const value = options[key];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value === '') throw problem(`${field}.${key}`, 'must be a non-empty string');
  return value;
}

/**
 * `channels.alipay` in the pay server's configuration file:
 *
 * ```json
 * "alipay": {
 *   "appId": "2021000000000001",
 *   "appPrivateKey": { "file": "/run/secrets/alipay-app-private-key.pem" },
 *   "alipayPublicKey": { "env": "ALIPAY_PUBLIC_KEY" },
 *   "flow": "precreate",
 *   "gateway": "https://openapi.alipay.com/gateway.do",
 *   "returnUrl": "https://game.example/shop",
 *   "notificationMaxAgeSeconds": 93600
 * }
 * ```
 *
 * The app's private key is a secret reference (`{ "env" }` or `{ "file" }`; inline only in development); Alipay's
 * public key is not secret: inline text, or a reference read the same way. Production may run it.
 */
export const channelEntry: ChannelEntry = {
  description: 'Alipay: page pay or precreate QR (alipay-sdk, RSA2 notifications answered "success")',
  production: true,
  async create(options, ctx) {
    const unknown = Object.keys(options).find((key) => !KNOWN.includes(key));
    if (unknown !== undefined)
      throw problem(`${ctx.field}.${unknown}`, `is not a setting here (known: ${KNOWN.join(', ')})`);
    const appId = optionalText(options, 'appId', ctx.field);
    if (appId === undefined) throw problem(`${ctx.field}.appId`, 'is required');
    if (options.appPrivateKey === undefined)
      throw problem(`${ctx.field}.appPrivateKey`, 'is required (a secret reference)');
    if (options.alipayPublicKey === undefined) throw problem(`${ctx.field}.alipayPublicKey`, 'is required');
    // Not a secret: an inline string (PEM or base64) is fine in production too.
    const alipayPublicKey =
      typeof options.alipayPublicKey === 'string'
        ? options.alipayPublicKey
        : await ctx.secret(options.alipayPublicKey, 'alipayPublicKey');
    const flow = optionalText(options, 'flow', ctx.field);
    const maxAge = options.notificationMaxAgeSeconds;
    if (maxAge !== undefined && typeof maxAge !== 'number')
      throw problem(`${ctx.field}.notificationMaxAgeSeconds`, 'must be a number');
    try {
      return createAlipayDriver({
        appId,
        appPrivateKey: await ctx.secret(options.appPrivateKey, 'appPrivateKey'),
        alipayPublicKey,
        gateway: optionalText(options, 'gateway', ctx.field),
        flow: flow as AlipayFlow | undefined,
        returnUrl: optionalText(options, 'returnUrl', ctx.field),
        notificationMaxAgeSeconds: maxAge,
      });
    } catch (error) {
      // The factory names the option ("createAlipayDriver: appId …"); the file names it under channels.alipay.
      const named = error instanceof TypeError ? /^createAlipayDriver: (\w+) (.*)$/.exec(error.message) : null;
      if (named) throw problem(`${ctx.field}.${named[1]}`, named[2]!);
      throw error;
    }
  },
};
