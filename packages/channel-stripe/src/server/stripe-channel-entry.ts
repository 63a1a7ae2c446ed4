import type { ChannelDriver, ChannelEntry } from '@coinslot/server';
import { createStripeDriver } from './create-stripe-driver.js';
import type { StripeDriverOptions } from './stripe-driver-options.js';

/** Where the keys are read from when `channels.stripe` does not name them. */
export const STRIPE_SECRET_KEY_ENV = 'STRIPE_SECRET_KEY';
export const STRIPE_WEBHOOK_SECRET_ENV = 'STRIPE_WEBHOOK_SECRET';

const SECRETS = ['secretKey', 'webhookSecret'] as const;
const SETTINGS = ['apiUrl', 'returnUrl', 'locale', 'toleranceSeconds'] as const;

/** A configuration problem naming its field (the CLI prints the message and stops). */
const problem = (field: string, message: string) =>
  Object.assign(new Error(`${field}: ${message}`), { name: 'ConfigError' });

/**
 * `channels.stripe` in the pay server's configuration file:
 *
 * ```json
 * "channels": { "stripe": {
 *   "secretKey": { "env": "STRIPE_SECRET_KEY" },
 *   "webhookSecret": { "file": "/run/secrets/stripe-webhook" },
 *   "returnUrl": "https://game.example/shop"
 * } }
 * ```
 *
 * `secretKey` and `webhookSecret` are secret references (`{ "env" }` or `{ "file" }`; inline only in development),
 * read by default from `$STRIPE_SECRET_KEY` and `$STRIPE_WEBHOOK_SECRET`; `apiUrl` (an emulator), `returnUrl`,
 * `locale` and `toleranceSeconds` are plain values ({@link StripeDriverOptions}). Any other key is refused.
 */
export const channelEntry: ChannelEntry = {
  description: 'Stripe Checkout (cards and wallets), fulfilled by signed Stripe webhooks',
  production: true,
  async create(options, ctx): Promise<ChannelDriver> {
    const unknown = Object.keys(options).find((key) => !([...SECRETS, ...SETTINGS] as readonly string[]).includes(key));
    if (unknown !== undefined)
      throw problem(
        `${ctx.field}.${unknown}`,
        `is not a setting here (known: ${[...SECRETS, ...SETTINGS].join(', ')})`,
      );
    const secretKey = await ctx.secret(options.secretKey ?? { env: STRIPE_SECRET_KEY_ENV }, 'secretKey');
    const webhookSecret = await ctx.secret(
      options.webhookSecret ?? { env: STRIPE_WEBHOOK_SECRET_ENV },
      'webhookSecret',
    );
    const driverOptions: StripeDriverOptions = { secretKey, webhookSecret };
    for (const key of SETTINGS) {
      const value = options[key];
      if (value === undefined) continue;
      const wanted = key === 'toleranceSeconds' ? 'number' : 'string';
      if (typeof value !== wanted) throw problem(`${ctx.field}.${key}`, `must be a ${wanted}`);
      Object.assign(driverOptions, { [key]: value });
    }
    try {
      return createStripeDriver(driverOptions);
    } catch (error) {
      const message = error instanceof Error ? error.message.replace(/^createStripeDriver: /, '') : String(error);
      const key = message.split(' ')[0]!;
      throw problem(`${ctx.field}.${key}`, message.slice(key.length + 1));
    }
  },
};
