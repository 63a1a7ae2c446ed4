import { resolve } from 'node:path';
import { readPrivateFile } from '../store/secret-files.js';
import { configError } from './config-error.js';
import { isObject, rejectUnknown } from './config-fields.js';
import type { ServerMode } from './server-config.js';

/**
 * Where a secret comes from: `{ "env": "NAME" }` (an environment variable) or `{ "file": "path" }` (a file the owner
 * alone can read; relative to the configuration file). A plain string is the secret itself, accepted in development
 * only: a secret written into a config file ends up in backups, repositories and screenshots.
 */
export type SecretRef = { env: string } | { file: string } | string;

/** What reading a secret needs: the mode, the environment and the folder relative files are read from. */
export interface SecretSource {
  mode: ServerMode;
  env: Readonly<Record<string, string | undefined>>;
  baseDir: string;
}

/** Whether `value` has the form of a {@link SecretRef} (checked in full by {@link readSecret}). */
export function isSecretRef(value: unknown): value is SecretRef {
  return typeof value === 'string' || (isObject(value) && ('env' in value || 'file' in value));
}

/**
 * Reads the secret `value` refers to; every failure is a `ConfigError` naming `field` and never showing the secret.
 * A file is refused when the group or other users can read or write it.
 */
export async function readSecret(value: unknown, field: string, source: SecretSource): Promise<string> {
  if (typeof value === 'string') {
    if (source.mode === 'production') {
      throw configError(
        field,
        'an inline secret is refused in production: use { "env": "NAME" } or { "file": "path" }',
      );
    }
    if (value === '') throw configError(field, 'must not be empty');
    return value;
  }
  if (!isObject(value) || 'env' in value === 'file' in value) {
    throw configError(field, 'must be { "env": "NAME" } or { "file": "path" }');
  }
  rejectUnknown(value, field, ['env', 'file']);
  if ('env' in value) {
    const name = value.env;
    if (typeof name !== 'string' || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(name))
      throw configError(`${field}.env`, 'must be an environment variable name');
    const secret = source.env[name]?.trim();
    if (!secret) throw configError(`${field}.env`, `the environment variable ${name} is not set`);
    return secret;
  }
  if (typeof value.file !== 'string' || value.file === '') throw configError(`${field}.file`, 'must be a path');
  const path = resolve(source.baseDir, value.file);
  let text: string;
  try {
    text = await readPrivateFile(path);
  } catch (error) {
    const reason =
      (error as NodeJS.ErrnoException).code === 'ENOENT' ? `${path} does not exist` : (error as Error).message;
    throw configError(`${field}.file`, reason);
  }
  const secret = text.trim();
  if (secret === '') throw configError(`${field}.file`, `${path} is empty`);
  return secret;
}
