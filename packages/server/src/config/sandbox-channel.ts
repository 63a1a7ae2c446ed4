import { join } from 'node:path';
import { createSandboxDriver } from '../drivers/sandbox/sandbox-driver.js';
import { readOrCreateSecret } from '../store/secret-files.js';
import { configError } from './config-error.js';
import { has, rejectUnknown } from './config-fields.js';
import type { ChannelEntry } from './driver-registry.js';

/** The environment variable the sandbox secret is read from when `channels.sandbox.secret` is not set. */
export const SANDBOX_SECRET_ENV = 'COINSLOT_SANDBOX_SECRET';

/**
 * `channels.sandbox`: `{ "secret"?: { "env" } | { "file" } }`. The secret is, in order: the setting,
 * `$COINSLOT_SANDBOX_SECRET`, the one kept in the data dir (`sandbox-secret`, created 0600), else random per process.
 * Development only.
 */
export const sandboxChannel: ChannelEntry = {
  description: 'the sandbox: a checkout page with a free Approve button (development and tests only)',
  production: false,
  async create(options, ctx) {
    rejectUnknown(options, ctx.field, ['secret']);
    const fromEnv = ctx.env[SANDBOX_SECRET_ENV] ? { env: SANDBOX_SECRET_ENV } : undefined;
    const ref = has(options, 'secret') ? options.secret : fromEnv;
    const secret =
      ref !== undefined
        ? await ctx.secret(ref, 'secret')
        : ctx.dataDir === undefined
          ? undefined
          : await readOrCreateSecret(join(ctx.dataDir, 'sandbox-secret'));
    if (secret !== undefined && secret.length < 16)
      throw configError(`${ctx.field}.secret`, 'must have at least 16 characters');
    return createSandboxDriver({ secret, returnUrlOrigins: ctx.returnUrlOrigins });
  },
};
