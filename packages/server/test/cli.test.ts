import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const PACKAGE = resolve(import.meta.dirname, '..');
const VITE_NODE = resolve(PACKAGE, '../../node_modules/.bin/vite-node');
const children: ChildProcess[] = [];
const dirs: string[] = [];

afterEach(async () => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

/** Runs the CLI from source in `cwd`; resolves with its URL once it prints it. */
function startCli(cwd: string, args: string[]): Promise<{ child: ChildProcess; url: string; output: () => string }> {
  const child = spawn(VITE_NODE, [join(PACKAGE, 'src/cli.ts'), '--', ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no URL printed:\n${output}`)), 20_000);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const url = /listening on (http:\/\/\S+)/.exec(output)?.[1];
      if (url) {
        clearTimeout(timer);
        resolve({ child, url, output: () => output });
      }
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', read);
    child.once('exit', (code) => reject(new Error(`exited ${code}:\n${output}`)));
  });
}

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

    const first = await startCli(cwd, ['--port', '0', '--catalog', 'catalog.json']);
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

    const second = await startCli(cwd, ['--port', '0']);
    expect((await (await fetch(`${second.url}/v1/keys`)).json()).keys[0].kid).toBe(key.kid);
    expect(second.output()).not.toContain('Created signing key');
    expect(await stop(second.child)).toBe(0);
  }, 60_000);
});
