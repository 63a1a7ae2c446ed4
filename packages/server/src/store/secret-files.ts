import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { randomToken } from '../signing/random-token.js';
import { assertSigningKey, generateSigningKey, type SigningKey } from '../signing/signing-key.js';

/**
 * Reads the text at `path`, or writes `create()`'s readable by the owner only (mode 0600, directory 0700).
 * `wx` never overwrites what another process wrote meanwhile: the loser reads the winner's.
 */
async function readOrCreate(path: string, create: () => Promise<string>): Promise<{ text: string; created: boolean }> {
  try {
    return { text: await readFile(path, 'utf8'), created: false };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const text = await create();
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  try {
    await writeFile(path, text, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return { text: await readFile(path, 'utf8'), created: false };
    throw error;
  }
  return { text, created: true };
}

/** Reads the private signing key (JWK) at `path`, or generates one and writes it there (0600). */
export async function readOrCreateKey(path: string): Promise<{ key: SigningKey; created: boolean }> {
  try {
    const { text, created } = await readOrCreate(path, async () => `${JSON.stringify(await generateSigningKey(), null, 2)}\n`);
    const key = JSON.parse(text) as SigningKey;
    assertSigningKey(key);
    return { key, created };
  } catch (error) {
    throw new Error(`cannot use key file ${path}: ${String(error)}`, { cause: error });
  }
}

/** Reads the secret (one line of text) at `path`, or writes a random one there (0600). */
export async function readOrCreateSecret(path: string): Promise<string> {
  const { text } = await readOrCreate(path, async () => `${randomToken(32)}\n`);
  const secret = text.trim();
  if (secret.length < 16) throw new Error(`the secret in ${path} is shorter than 16 characters`);
  return secret;
}
