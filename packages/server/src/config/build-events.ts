import type { EventOptions } from '../events/event-options.js';
import { webhookPublicKey } from '../events/webhook-key.js';
import { webhookSecretBytes } from '../events/webhook-secret.js';
import { dataDirFiles } from '../store/data-dir.js';
import { readOrCreateWebhookKey } from '../store/secret-files.js';
import { configError } from './config-error.js';
import { readSecret, type SecretSource } from './secret-ref.js';
import type { ServerConfig } from './server-config.js';

/** The events options to start with, and what to tell whoever started the server about webhooks. */
export interface EventsPlan {
  options: EventOptions;
  /** The webhook endpoint and how it is signed; `undefined` when events are pull only. */
  webhook:
    | { url: string; scheme: 'hmac-sha256' }
    | { url: string; scheme: 'ed25519'; publicKey: string; keyFile: string; keyCreated: boolean }
    | undefined;
}

/**
 * Builds `events`: with a webhook endpoint, the HMAC secret from its reference, or else the Ed25519 key kept in the
 * data dir (`webhook-key.json`, created 0600 on first start, whichever store is used).
 */
export async function buildEvents(config: ServerConfig, source: SecretSource): Promise<EventsPlan> {
  const { webhookUrl, secret: secretRef, ...rest } = config.events;
  const options: EventOptions = { ...rest };
  if (webhookUrl === undefined) return { options, webhook: undefined };
  options.webhookUrl = webhookUrl;
  if (secretRef !== undefined) {
    const secret = await readSecret(secretRef, 'events.secret', source);
    try {
      webhookSecretBytes(secret);
    } catch (error) {
      throw configError('events.secret', (error as Error).message.replace(/^Invalid webhook secret: /, ''));
    }
    options.signing = { secret };
    return { options, webhook: { url: webhookUrl, scheme: 'hmac-sha256' } };
  }
  const keyFile = dataDirFiles(config.dataDir).webhookKey;
  let key: Awaited<ReturnType<typeof readOrCreateWebhookKey>>;
  try {
    key = await readOrCreateWebhookKey(keyFile);
  } catch (error) {
    throw configError('events', (error as Error).message);
  }
  options.signing = { privateKey: key.key };
  const publicKey = webhookPublicKey(key.key);
  return { options, webhook: { url: webhookUrl, scheme: 'ed25519', publicKey, keyFile, keyCreated: key.created } };
}
