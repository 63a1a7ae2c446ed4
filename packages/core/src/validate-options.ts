import { isChannelId, isResultKey, MAX_LABEL_LENGTH, MAX_WAIT_SECONDS } from '@coinslot/protocol';
import type { CoinslotOptions } from './coinslot-options.js';
import { CoinslotError } from './errors/coinslot-error.js';
import { isRecord } from './internal/guards.js';
import { brokenRule, type Check, isFunction, isIntIn, isPositive, isText, type Rule } from './internal/rules.js';
import { USER_ID_RULE } from './recovery/recover-options.js';
import { STORAGE_METHODS } from './storage/journal-storage.js';

const PLATFORMS = ['web', 'electron-renderer', 'electron-main', 'node'];

/**
 * An absolute https URL, or http on this machine (`localhost`, `127.x.x.x`, `[::1]`) or with pinned keys: over plain
 * http to another machine, whoever is in between could answer `GET /v1/keys` with keys of their own and sign results.
 */
const isServerUrl: Check = (value, { trustedKeys }) => {
  try {
    const { protocol, hostname } = new URL(String(value));
    return (
      protocol === 'https:' ||
      (protocol === 'http:' && (trustedKeys !== undefined || /^(localhost|127(\.\d+){3}|\[::1\])$/.test(hostname)))
    );
  } catch {
    return false;
  }
};

/** The grant and revoke hooks are the app's only with client fulfilment: with server fulfilment the backend's. */
const isHook: Check = (value, { fulfilment }) => isFunction(value, {}) && fulfilment !== 'server';
const NOT_WITH_SERVER = " (none with fulfilment: 'server')";

const isLoader = (loader: unknown): boolean =>
  typeof loader === 'function' ||
  (isRecord(loader) && typeof loader.package === 'string' && typeof loader.load === 'function');

const RULES: readonly Rule[] = [
  [
    'server',
    isServerUrl,
    'an absolute https URL, e.g. https://pay.example.com (http only on this machine, or with trustedKeys pinning the keys of its GET /v1/keys)',
  ],
  ['channels', isRecord, 'an object of loaders keyed by channel id'],
  ['channelOptions', isRecord, 'an object keyed by channel id', 'optional'],
  [
    'trustedKeys',
    (keys) => Array.isArray(keys) && keys.length > 0 && keys.every(isResultKey),
    'a non-empty list of public JWKs with kid and alg (ES256 or EdDSA)',
    'optional',
  ],
  ['platform', (value) => PLATFORMS.includes(value as string), `one of ${PLATFORMS.join(', ')}`, 'optional'],
  ['waitSeconds', isIntIn(1, MAX_WAIT_SECONDS), `an integer from 1 to ${MAX_WAIT_SECONDS}`, 'optional'],
  ['defaultDeadlineMs', isPositive, 'a positive number', 'optional'],
  ['retryLimit', isIntIn(0, 10), 'an integer from 0 to 10', 'optional'],
  ['fetch', isFunction, 'a function', 'optional'],
  ['verifier', isFunction, 'a function', 'optional'],
  ['appVersion', isText(MAX_LABEL_LENGTH, 0), `a string of at most ${MAX_LABEL_LENGTH} characters`, 'optional'],
  [
    'storage',
    (storage) => isRecord(storage) && STORAGE_METHODS.every((name) => typeof storage[name] === 'function'),
    `a JournalStorage with ${STORAGE_METHODS.join(', ')} (e.g. createIndexedDbStorage(), or createFileStorage(dir) from @coinslot/core/node)`,
    'optional',
  ],
  ['fulfilment', (value) => value === 'client' || value === 'server', "'client' or 'server'", 'optional'],
  ['grant', isHook, `a function ({ bill, billId }) => void | Promise<unknown>${NOT_WITH_SERVER}`, 'optional'],
  ['revoke', isHook, `a function ({ bill, billId }) => void | Promise<unknown>${NOT_WITH_SERVER}`, 'optional'],
  ['getPlayerToken', isFunction, 'a function', 'optional'],
  USER_ID_RULE,
  ['recoverOnReady', (value) => typeof value === 'boolean', 'a boolean', 'optional'],
  ['popupBlocked', (value) => value === 'continue' || value === 'redirect', "'continue' or 'redirect'", 'optional'],
];

function channelProblem([id, loader]: [string, unknown]): string | undefined {
  if (!isChannelId(id)) return `channel id "${id}" must be lower-case letters, digits and dashes`;
  return isLoader(loader) ? undefined : `channels.${id} must be a loader, () => import('…'), or { package, load }`;
}

/** Check `createCoinslot`'s options; throws `INVALID_OPTIONS` naming the first problem. */
export function validateOptions(options: unknown): asserts options is CoinslotOptions {
  const problem = isRecord(options)
    ? (brokenRule(options, RULES) ??
      Object.entries(options.channels as object)
        .map(channelProblem)
        .find(Boolean))
    : 'options must be an object';
  if (problem) throw new CoinslotError('INVALID_OPTIONS', `Invalid Coinslot options: ${problem}.`);
}
