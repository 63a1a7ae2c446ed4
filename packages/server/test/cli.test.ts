import type { ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { killAllClis, startCli } from './cli-process.js';

const dirs: string[] = [];

afterEach(async () => {
  await killAllClis();
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

const stop = (child: ChildProcess) =>
  new Promise<number | null>((resolve) => {
    child.once('exit', (code) => resolve(code));
    child.kill('SIGTERM');
  });

describe('coinslot-server CLI', () => {
  it('creates the key file (0600) on first start, reuses it, serves the catalog, stops on SIGTERM', async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'coinslot-cli-'));
    dirs.push(cwd);
    await writeFile(join(cwd, 'catalog.json'), JSON.stringify({ gem: { amount: 499, currency: 'USD' } }));

    const first = await startCli(cwd, ['--catalog', 'catalog.json']);
    expect(first.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const keyFile = join(cwd, '.coinslot/server-key.json');
    expect((await stat(keyFile)).mode & 0o777).toBe(0o600);
    const key = JSON.parse(await readFile(keyFile, 'utf8'));
    const keys = await (await fetch(`${first.url}/v1/keys`)).json();
    expect(keys.keys[0].kid).toBe(key.kid);
    const refused = await fetch(`${first.url}/v1/bills`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': 'cli-test-key-1' },
      body: JSON.stringify({ userId: 'u', itemId: 'gem', quantity: 1, amount: 1, currency: 'USD', channel: 'sandbox' }),
    });
    expect((await refused.json()).error.code).toBe('AMOUNT_MISMATCH');
    expect(await stop(first.child)).toBe(0);

    const second = await startCli(cwd);
    expect((await (await fetch(`${second.url}/v1/keys`)).json()).keys[0].kid).toBe(key.kid);
    expect(second.output()).not.toContain('Created signing key');
    expect(await stop(second.child)).toBe(0);
  }, 60_000);
});
