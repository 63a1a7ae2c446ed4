import { open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { randomHex } from '../internal/random.js';

/** Temporary files are hidden (a leading dot) and end with this, so a crashed write can be recognised and removed. */
export const TEMP_SUFFIX = '.tmp';

/** Flush a directory's entries (the rename) to disk. Windows cannot open a directory; its rename is already durable enough. */
async function syncDirectory(dir: string): Promise<void> {
  let handle: Awaited<ReturnType<typeof open>> | undefined;
  try {
    handle = await open(dir, 'r');
    await handle.sync();
  } catch {
    // EISDIR / EPERM on Windows: nothing more to do.
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

/**
 * Replace a file atomically: write a temporary file beside it, fsync it, rename it over the target, fsync
 * the directory. A crash at any point leaves either the old file or the new one, never a torn one; at worst
 * a temporary file stays behind, which the storage removes when it next opens the directory.
 */
export async function writeFileAtomic(file: string, text: string): Promise<void> {
  const temp = join(dirname(file), `.${basename(file)}.${randomHex(6)}${TEMP_SUFFIX}`);
  const handle = await open(temp, 'w', 0o600);
  try {
    await handle.writeFile(text, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true }).catch(() => undefined);
    throw error;
  }
  await syncDirectory(dirname(file));
}

/** Remove a file (a missing one is fine) and make the removal durable. */
export async function removeFileDurably(file: string): Promise<void> {
  await rm(file, { force: true });
  await syncDirectory(dirname(file));
}
