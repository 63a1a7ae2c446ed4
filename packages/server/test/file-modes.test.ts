import { chmod, mkdir, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readOrCreateKey, SqliteBillStore, startPayServer } from '../src/index.js';
import { readOrCreateSecret } from '../src/store/secret-files.js';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});
const tempDir = async () => {
  const dir = await mkdtemp(join(tmpdir(), 'coinslot-modes-'));
  dirs.push(dir);
  return dir;
};

describe('key, secret and data file modes', () => {
  it('refuses a signing key file other users can read, saying how to fix it', async () => {
    const path = join(await tempDir(), 'server-key.json');
    await readOrCreateKey(path);
    await chmod(path, 0o644);
    await expect(readOrCreateKey(path)).rejects.toThrow(/readable or writable by other users \(mode 0644\).*chmod 600/);
  });

  it('refuses a secret file its group can read', async () => {
    const path = join(await tempDir(), 'sandbox-secret');
    await writeFile(path, 'a-sandbox-secret-long-enough\n', { mode: 0o640 });
    await chmod(path, 0o640);
    await expect(readOrCreateSecret(path)).rejects.toThrow(/mode 0640/);
    await chmod(path, 0o600);
    expect(await readOrCreateSecret(path)).toBe('a-sandbox-secret-long-enough');
  });

  it('creates the SQLite database and its WAL 0600', async () => {
    const file = join(await tempDir(), 'data', 'bills.sqlite');
    const store = await SqliteBillStore.open(file);
    try {
      expect((await stat(file)).mode & 0o777).toBe(0o600);
      expect((await stat(`${file}-wal`)).mode & 0o777).toBe(0o600);
    } finally {
      await store.close();
    }
  });

  it('warns loudly about a data dir and database other users can read', async () => {
    const dataDir = join(await tempDir(), 'data');
    await mkdir(dataDir, { mode: 0o755 });
    await chmod(dataDir, 0o755);
    await writeFile(join(dataDir, 'bills.sqlite'), '', { mode: 0o644 });
    await chmod(join(dataDir, 'bills.sqlite'), 0o644);
    const warnings: string[] = [];
    const logger = { info() {}, error() {}, warn: (message: string) => void warnings.push(message) };
    const server = await startPayServer({ auth: { development: true }, dataDir, logger });
    await server.close();
    expect(warnings).toContainEqual(
      expect.stringMatching(/^WARNING: the directory .*data is open to other users \(mode 0755\).*chmod 700/),
    );
    expect(warnings).toContainEqual(
      expect.stringMatching(/^WARNING: the database .*bills\.sqlite is open to other users \(mode 0644\).*chmod 600/),
    );
  });
});
