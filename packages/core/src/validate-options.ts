import type { CoinslotOptions } from './coinslot-options.js';
import { CoinslotError } from './errors/coinslot-error.js';
import { isRecord } from './internal/guards.js';
import { CHANNEL_ID } from './purchase/validate-request.js';
import { USER_IDS_EXPECTED, userIdsOf } from './recovery/recovery-types.js';

const STORAGE_METHODS = ['get', 'set', 'delete', 'list', 'batch'];

const PLATFORMS = ['web', 'electron-renderer', 'electron-main', 'node'];

function loaderProblem(id: string, loader: unknown): string | undefined {
  if (!CHANNEL_ID.test(id)) return `channel id "${id}" must be lower-case letters, digits and dashes`;
  if (typeof loader === 'function') return undefined;
  if (isRecord(loader) && typeof loader.package === 'string' && typeof loader.load === 'function') return undefined;
  return `channels.${id} must be a loader, () => import('…'), or { package, load }`;
}

function problemOf(options: Partial<CoinslotOptions>): string | undefined {
  let url: URL | undefined;
  try {
    url = new URL(String(options.server));
  } catch {
    url = undefined;
  }
  if (!url || !/^https?:$/.test(url.protocol)) return 'server must be an absolute http(s) URL, e.g. https://pay.example.com';
  if (!isRecord(options.channels)) return 'channels must be an object of loaders keyed by channel id';
  for (const [id, loader] of Object.entries(options.channels)) {
    const problem = loaderProblem(id, loader);
    if (problem) return problem;
  }
  if (options.channelOptions !== undefined && !isRecord(options.channelOptions)) return 'channelOptions must be an object keyed by channel id';
  const keys = options.trustedKeys;
  if (keys !== undefined && (!Array.isArray(keys) || keys.length === 0 || !keys.every((k) => isRecord(k) && typeof k.kid === 'string' && (k.alg === 'ES256' || k.alg === 'EdDSA')))) {
    return 'trustedKeys must be a non-empty list of public JWKs with kid and alg (ES256 or EdDSA)';
  }
  if (options.platform !== undefined && !PLATFORMS.includes(options.platform)) return `platform must be one of ${PLATFORMS.join(', ')}`;
  if (options.waitSeconds !== undefined && !(Number.isInteger(options.waitSeconds) && options.waitSeconds >= 1 && options.waitSeconds <= 25)) return 'waitSeconds must be an integer from 1 to 25';
  if (options.defaultDeadlineMs !== undefined && !(Number.isFinite(options.defaultDeadlineMs) && options.defaultDeadlineMs > 0)) return 'defaultDeadlineMs must be a positive number';
  if (options.retryLimit !== undefined && !(Number.isInteger(options.retryLimit) && options.retryLimit >= 0 && options.retryLimit <= 10)) return 'retryLimit must be an integer from 0 to 10';
  if (options.fetch !== undefined && typeof options.fetch !== 'function') return 'fetch must be a function';
  if (options.appVersion !== undefined && (typeof options.appVersion !== 'string' || options.appVersion.length > 64)) return 'appVersion must be a string of at most 64 characters';
  return journalProblemOf(options);
}

function journalProblemOf(options: Partial<CoinslotOptions>): string | undefined {
  const storage: unknown = options.storage;
  if (storage !== undefined && !(isRecord(storage) && STORAGE_METHODS.every((name) => typeof storage[name] === 'function'))) {
    return `storage must be a JournalStorage with ${STORAGE_METHODS.join(', ')} (e.g. createIndexedDbStorage(), or createFileStorage(dir) from @coinslot/core/node)`;
  }
  if (options.grant !== undefined && typeof options.grant !== 'function') return 'grant must be a function ({ bill, billId }) => void | Promise<unknown>';
  if (userIdsOf(options.userId) === undefined) return USER_IDS_EXPECTED;
  if (options.recoverOnReady !== undefined && typeof options.recoverOnReady !== 'boolean') return 'recoverOnReady must be a boolean';
  return undefined;
}

/** Check `createCoinslot`'s options; throws `INVALID_OPTIONS` naming the first problem. */
export function validateOptions(options: unknown): asserts options is CoinslotOptions {
  const problem = isRecord(options) ? problemOf(options as Partial<CoinslotOptions>) : 'options must be an object';
  if (problem) throw new CoinslotError('INVALID_OPTIONS', `Invalid Coinslot options: ${problem}.`);
}
