import { generateSigningKey, type SigningKey } from '@coinslot/server';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

/**
 * The pay server's private result-signing key kept in `path` (a JWK), so results stay verifiable with the same
 * public key across restarts of the shop. Created on first start, readable by its owner only; `wx` never
 * overwrites a key another process wrote meanwhile.
 *
 * The `coinslot-server` command does the same with a helper `@coinslot/server` does not export yet; once it
 * does, this file becomes a call to it.
 */
export async function loadOrCreateSigningKey(path: string): Promise<SigningKey> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as SigningKey;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw new Error(`Cannot use the key file ${path}: ${String(error)}`);
  }
  const key = await generateSigningKey();
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  try {
    await writeFile(path, `${JSON.stringify(key, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return loadOrCreateSigningKey(path);
    throw error;
  }
  return key;
}
