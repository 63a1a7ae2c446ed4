import { mkdir, open, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { assertWebhookPrivateKey, generateWebhookKey, type WebhookPrivateKey } from '../events/webhook-key.js';
import { randomToken } from '../signing/random-token.js';
import { assertSigningKey, generateSigningKey, type SigningKey } from '../signing/signing-key.js';

/** Permission bits that let the group or others read or write a file. */
const SHARED_BITS = 0o066;

/** Whether file modes mean anything here (Windows has no owner/group/other bits). */
const POSIX = process.platform !== 'win32';

/**
 * Reads a key or secret file, refusing one that the group or other users can read or write: a signing key, a bill
 * token secret or a channel secret anyone on the machine can read is a leaked secret. The mode is read from the
 * open file, so the check and the read see the same file.
 */
export async function readPrivateFile(path: string): Promise<string> {
  const file = await open(path, 'r');
  try {
    const { mode } = await file.stat();
    if (POSIX && (mode & SHARED_BITS) !== 0) {
      const octal = (mode & 0o777).toString(8).padStart(4, '0');
      throw new Error(
        `${path} is readable or writable by other users (mode ${octal}); a key or secret file must be the owner's alone — run: chmod 600 ${path}`,
      );
    }
    return await file.readFile('utf8');
  } finally {
    await file.close();
  }
}

/**
 * Reads the text at `path`, or writes `create()`'s readable by the owner only (mode 0600, directory 0700).
 * `wx` never overwrites what another process wrote meanwhile: the loser reads the winner's.
 */
async function readOrCreate(path: string, create: () => Promise<string>): Promise<{ text: string; created: boolean }> {
  try {
    return { text: await readPrivateFile(path), created: false };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const text = await create();
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  try {
    await writeFile(path, text, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST')
      return { text: await readPrivateFile(path), created: false };
    throw error;
  }
  return { text, created: true };
}

/** Reads the private signing key (JWK) at `path`, or generates one and writes it there (0600). */
export async function readOrCreateKey(path: string): Promise<{ key: SigningKey; created: boolean }> {
  try {
    const { text, created } = await readOrCreate(
      path,
      async () => `${JSON.stringify(await generateSigningKey(), null, 2)}\n`,
    );
    const key = JSON.parse(text) as SigningKey;
    assertSigningKey(key);
    return { key, created };
  } catch (error) {
    throw new Error(`cannot use key file ${path}: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  }
}

/** Reads the private Ed25519 webhook key (JWK) at `path`, or generates one and writes it there (0600). */
export async function readOrCreateWebhookKey(path: string): Promise<{ key: WebhookPrivateKey; created: boolean }> {
  try {
    const { text, created } = await readOrCreate(
      path,
      async () => `${JSON.stringify((await generateWebhookKey()).privateKey, null, 2)}\n`,
    );
    const key: unknown = JSON.parse(text);
    assertWebhookPrivateKey(key);
    return { key, created };
  } catch (error) {
    throw new Error(`cannot use webhook key file ${path}: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  }
}

/** Reads the secret (one line of text) at `path`, or writes a random one there (0600). */
export async function readOrCreateSecret(path: string): Promise<string> {
  const { text } = await readOrCreate(path, async () => `${randomToken(32)}\n`);
  const secret = text.trim();
  if (secret.length < 16) throw new Error(`the secret in ${path} is shorter than 16 characters`);
  return secret;
}
