import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { JSONWebKeySet } from 'jose';
import { configError } from './config-error.js';
import {
  at,
  has,
  isObject,
  objectAt,
  optionalInteger,
  optionalOneOf,
  optionalString,
  rejectUnknown,
  type Raw,
} from './config-fields.js';
import { isSecretRef } from './secret-ref.js';
import type { AuthConfig } from './server-config.js';

const PLAYER_TOKEN_FIELDS = [
  'issuer',
  'audience',
  'jwksUrl',
  'publicKeys',
  'algorithms',
  'maxLifetimeSeconds',
  'clockToleranceSeconds',
  'countryClaim',
];

/** A JWKS given inline (`{ "keys": [...] }`) or as `{ "file": "jwks.json" }`. */
async function readJwks(value: unknown, field: string, baseDir: string): Promise<JSONWebKeySet> {
  let jwks: unknown = value;
  if (isObject(value) && typeof value.file === 'string') {
    const path = resolve(baseDir, value.file);
    try {
      jwks = JSON.parse(await readFile(path, 'utf8'));
    } catch (error) {
      throw configError(`${field}.file`, `cannot read a JWKS from ${path}: ${(error as Error).message}`);
    }
  }
  if (!isObject(jwks) || !Array.isArray(jwks.keys) || jwks.keys.length === 0 || !jwks.keys.every(isObject)) {
    throw configError(
      field,
      'must be a JWKS { "keys": [ … ] } with at least one public key, or { "file": "jwks.json" }',
    );
  }
  if (jwks.keys.some((key) => 'd' in key))
    throw configError(field, 'holds a private key ("d"): give the public keys only');
  return jwks as unknown as JSONWebKeySet;
}

async function parsePlayerTokens(
  value: unknown,
  field: string,
  baseDir: string,
): Promise<NonNullable<AuthConfig['playerTokens']>> {
  const raw = objectAt(value, field);
  rejectUnknown(raw, field, PLAYER_TOKEN_FIELDS);
  const issuer = optionalString(raw, 'issuer', field);
  const audience = optionalString(raw, 'audience', field);
  if (issuer === undefined)
    throw configError(at(field, 'issuer'), 'is required (the iss the game backend puts in player tokens)');
  if (audience === undefined)
    throw configError(at(field, 'audience'), 'is required (the aud of player tokens: this pay server)');
  const jwksUrl = optionalString(raw, 'jwksUrl', field);
  if (jwksUrl !== undefined && !URL.canParse(jwksUrl))
    throw configError(at(field, 'jwksUrl'), 'must be an absolute URL');
  if ((jwksUrl === undefined) === !has(raw, 'publicKeys'))
    throw configError(field, 'give exactly one of jwksUrl and publicKeys');
  const parsed: NonNullable<AuthConfig['playerTokens']> = { issuer, audience };
  if (jwksUrl !== undefined) parsed.jwksUrl = jwksUrl;
  if (has(raw, 'publicKeys')) parsed.publicKeys = await readJwks(raw.publicKeys, at(field, 'publicKeys'), baseDir);
  if (has(raw, 'algorithms')) {
    const { algorithms } = raw;
    if (!Array.isArray(algorithms) || algorithms.length === 0 || !algorithms.every((a) => typeof a === 'string')) {
      throw configError(at(field, 'algorithms'), 'must be a list of JWS algorithm names, e.g. ["ES256"]');
    }
    parsed.algorithms = algorithms as string[];
  }
  const maxLifetimeSeconds = optionalInteger(raw, 'maxLifetimeSeconds', field, 1, 86_400);
  const clockToleranceSeconds = optionalInteger(raw, 'clockToleranceSeconds', field, 0, 300);
  if (maxLifetimeSeconds !== undefined) parsed.maxLifetimeSeconds = maxLifetimeSeconds;
  if (clockToleranceSeconds !== undefined) parsed.clockToleranceSeconds = clockToleranceSeconds;
  const countryClaim = optionalString(raw, 'countryClaim', field);
  if (countryClaim !== undefined) parsed.countryClaim = countryClaim;
  return parsed;
}

/** Checks `auth` of the configuration file (secrets are read later, in build-start-options.ts). */
export async function parseAuthConfig(value: unknown, baseDir: string, field = 'auth'): Promise<AuthConfig> {
  const raw: Raw = objectAt(value, field);
  rejectUnknown(raw, field, ['development', 'playerTokens', 'serverKeys', 'billTokenSecret', 'deliveredBy']);
  if (has(raw, 'development') && typeof raw.development !== 'boolean')
    throw configError(at(field, 'development'), 'must be true or false');
  const auth: AuthConfig = { development: raw.development === true };
  if (has(raw, 'playerTokens'))
    auth.playerTokens = await parsePlayerTokens(raw.playerTokens, at(field, 'playerTokens'), baseDir);
  if (has(raw, 'serverKeys')) {
    const keys = raw.serverKeys;
    if (!Array.isArray(keys) || keys.length === 0)
      throw configError(at(field, 'serverKeys'), 'must be a non-empty list of { "env" } or { "file" }');
    keys.forEach((key, index) => {
      if (!isSecretRef(key))
        throw configError(at(at(field, 'serverKeys'), index), 'must be { "env": "NAME" } or { "file": "path" }');
    });
    auth.serverKeys = keys;
  }
  if (has(raw, 'billTokenSecret')) auth.billTokenSecret = raw.billTokenSecret;
  const deliveredBy = optionalOneOf(raw, 'deliveredBy', field, ['player', 'server'] as const);
  if (deliveredBy !== undefined) auth.deliveredBy = deliveredBy;
  const real = auth.playerTokens !== undefined || auth.serverKeys !== undefined;
  if (auth.development && real)
    throw configError(at(field, 'development'), 'cannot be combined with playerTokens or serverKeys');
  if (!auth.development && !real)
    throw configError(field, 'give playerTokens, serverKeys or both (or development: true in development mode)');
  if (deliveredBy === 'server' && auth.serverKeys === undefined) {
    throw configError(at(field, 'deliveredBy'), '"server" needs serverKeys (the game backend delivers with one)');
  }
  return auth;
}
