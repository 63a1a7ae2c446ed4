import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readCatalog, readOrCreateKey } from './cli-files.js';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});
const tempDir = async () => {
  const dir = await mkdtemp(join(tmpdir(), 'coinslot-cli-'));
  dirs.push(dir);
  return dir;
};

describe('CLI files', () => {
  it('creates the key file with mode 0600 on first start and reuses it after', async () => {
    const path = join(await tempDir(), '.coinslot', 'server-key.json');
    const first = await readOrCreateKey(path);
    expect(first.created).toBe(true);
    expect(first.key).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256', d: expect.any(String) });
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    const second = await readOrCreateKey(path);
    expect(second).toEqual({ key: first.key, created: false });
    expect(JSON.parse(await readFile(path, 'utf8'))).toEqual(first.key);
  });

  it('refuses a key file that is not a private ES256 key, and reads a catalog', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'bad.json'), '{"kty":"oct","kid":"x"}');
    await expect(readOrCreateKey(join(dir, 'bad.json'))).rejects.toThrow(/cannot use key file/);
    await writeFile(join(dir, 'catalog.json'), '{"gem":{"amount":499,"currency":"USD"}}');
    expect(await readCatalog(join(dir, 'catalog.json'))).toEqual({ gem: { amount: 499, currency: 'USD' } });
    await writeFile(join(dir, 'list.json'), '[]');
    await expect(readCatalog(join(dir, 'list.json'))).rejects.toThrow(/object/);
  });
});
