import type { ChannelEntry } from '@coinslot/server';
import { createWechatPayDriver } from './create-wechatpay-driver.js';

/** The settings `channels.wechatpay` may hold. */
const SETTINGS = [
  'mchid',
  'appid',
  'merchantSerialNo',
  'merchantPrivateKey',
  'apiV3Key',
  'apiV2Key',
  'wechatpayPublicKeys',
  'baseUrl',
  'notifyUrl',
  'toleranceSeconds',
] as const;

/** A configuration problem, worded like the server's own: `channels.wechatpay.<key>: <why>`. */
function problem(field: string, message: string): Error {
  const error = new Error(`${field}: ${message}`);
  error.name = 'ConfigError';
  return error;
}

function plainString(options: Record<string, unknown>, field: string, key: string): string {
  const value = options[key];
  if (typeof value !== 'string' || value === '') throw problem(`${field}.${key}`, 'must be a non-empty string');
  return value;
}

/**
 * `channels.wechatpay` in the pay server's configuration file, for the CLI (`coinslot-server`), which loads it from
 * `@coinslot/channel-wechatpay/server`:
 *
 * ```json
 * "wechatpay": {
 *   "mchid": "1900000109", "appid": "wx8888888888888888", "merchantSerialNo": "5157F09EFDC096DE15EBE81A47057A72",
 *   "merchantPrivateKey": { "file": "wechatpay/apiclient_key.pem" },
 *   "apiV3Key": { "env": "WECHATPAY_APIV3_KEY" },
 *   "apiV2Key": { "env": "WECHATPAY_APIV2_KEY" },
 *   "wechatpayPublicKeys": { "PUB_KEY_ID_0114232134912410000000000000": { "file": "wechatpay/pub_key.pem" } }
 * }
 * ```
 *
 * Keys are secret references (`{ "env" }`, `{ "file" }`; inline text in development only) — the WeChat Pay public
 * keys too, read the same way though they are not secret. `baseUrl`, `notifyUrl` and `toleranceSeconds` are optional
 * (createWechatPayDriver's defaults).
 */
export const channelEntry: ChannelEntry = {
  description: 'WeChat Pay API v3, Native pay (a QR code the player scans with WeChat)',
  production: true,
  async create(options, ctx) {
    const unknown = Object.keys(options).find((key) => !(SETTINGS as readonly string[]).includes(key));
    if (unknown !== undefined)
      throw problem(`${ctx.field}.${unknown}`, `is not a setting here (known: ${SETTINGS.join(', ')})`);
    const keys = options.wechatpayPublicKeys;
    if (typeof keys !== 'object' || keys === null || Array.isArray(keys) || Object.keys(keys).length === 0)
      throw problem(`${ctx.field}.wechatpayPublicKeys`, 'must map each key serial to a PEM (a secret reference)');
    const wechatpayPublicKeys: Record<string, string> = {};
    for (const [serial, ref] of Object.entries(keys))
      wechatpayPublicKeys[serial] = await ctx.secret(ref, `wechatpayPublicKeys.${serial}`);
    const optional = (key: string) => (options[key] === undefined ? undefined : plainString(options, ctx.field, key));
    try {
      return createWechatPayDriver({
        mchid: plainString(options, ctx.field, 'mchid'),
        appid: plainString(options, ctx.field, 'appid'),
        merchantSerialNo: plainString(options, ctx.field, 'merchantSerialNo'),
        merchantPrivateKey: await ctx.secret(options.merchantPrivateKey, 'merchantPrivateKey'),
        apiV3Key: await ctx.secret(options.apiV3Key, 'apiV3Key'),
        ...(options.apiV2Key === undefined ? {} : { apiV2Key: await ctx.secret(options.apiV2Key, 'apiV2Key') }),
        wechatpayPublicKeys,
        baseUrl: optional('baseUrl'),
        notifyUrl: optional('notifyUrl'),
        toleranceSeconds: options.toleranceSeconds as number | undefined,
      });
    } catch (error) {
      // The factory names the option; the configuration names the field.
      const match = error instanceof TypeError ? /^createWechatPayDriver: (\S+) (.*)$/.exec(error.message) : null;
      if (match) throw problem(`${ctx.field}.${match[1]}`, match[2]!);
      throw error;
    }
  },
};
