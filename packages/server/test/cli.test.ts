import type { ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { killAllClis, runCliToExit, startCli } from './cli-process.js';

const dirs: string[] = [];

afterEach(async () => {
  await killAllClis();
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

const tempDir = async () => {
  const dir = await mkdtemp(join(tmpdir(), 'coinslot-cli-'));
  dirs.push(dir);
  return dir;
};

const stop = (child: ChildProcess) =>
  new Promise<number | null>((resolve) => {
    child.once('exit', (code) => resolve(code));
    child.kill('SIGTERM');
  });

const SERVER_KEY = `csk_${'k'.repeat(40)}`;

/** Waits until `output()` contains `text`: stderr (the banners) and stdout (the URL) are separate pipes, read in any order. */
async function printed(output: () => string, text: string): Promise<string> {
  for (let waited = 0; !output().includes(text) && waited < 5000; waited += 50)
    await new Promise((r) => setTimeout(r, 50));
  return output();
}

/** A configuration production accepts except for what `change` removes or adds. */
const productionConfig = (change: Record<string, unknown> = {}) => ({
  publicUrl: 'https://pay.example.com',
  catalog: { gem: { amount: 499, currency: 'USD' } },
  auth: { serverKeys: [{ env: 'COINSLOT_TEST_SERVER_KEY' }] },
  corsOrigins: ['https://game.example'],
  channels: { sandbox: {} },
  ...change,
});

async function refusal(
  config: unknown,
  env: Record<string, string> = { COINSLOT_TEST_SERVER_KEY: SERVER_KEY },
  built = false,
) {
  const cwd = await tempDir();
  await writeFile(join(cwd, 'coinslot.config.json'), JSON.stringify(config));
  const run = await runCliToExit(cwd, ['--config', 'coinslot.config.json'], { dev: false, env, built });
  expect(run.code, run.output).toBe(1);
  expect(run.output).not.toContain('listening on');
  return run.output;
}

describe('coinslot-server CLI', () => {
  it('creates the key file (0600) on first start, reuses it, serves the catalog, stops on SIGTERM', async () => {
    const cwd = await tempDir();
    await writeFile(join(cwd, 'catalog.json'), JSON.stringify({ gem: { amount: 499, currency: 'USD' } }));

    const first = await startCli(cwd, ['--catalog', 'catalog.json']);
    expect(first.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const keyFile = join(cwd, '.coinslot/server-key.json');
    expect((await stat(keyFile)).mode & 0o777).toBe(0o600);
    expect((await stat(join(cwd, '.coinslot/data/bills.sqlite'))).mode & 0o777).toBe(0o600);
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

  it('prints the development and sandbox banners on every --dev start', async () => {
    const cwd = await tempDir();
    for (let start = 0; start < 2; start += 1) {
      const cli = await startCli(cwd, ['--store', 'memory']);
      expect(await printed(cli.output, 'DEVELOPMENT AUTH')).toContain('DEVELOPMENT MODE');
      expect(cli.output()).toContain('SANDBOX CHANNEL ON');
      expect(await stop(cli.child)).toBe(0);
    }
  }, 60_000);

  it('takes a development config file with a --cors-origin flag and answers only that origin', async () => {
    const cwd = await tempDir();
    await writeFile(
      join(cwd, 'coinslot.config.json'),
      '// development, on this machine\n{ "mode": "development", "store": "memory" }\n',
    );
    const cli = await startCli(cwd, ['--config', 'coinslot.config.json', '--cors-origin', 'https://game.example'], {
      dev: false,
    });
    const preflight = (origin: string) =>
      fetch(`${cli.url}/v1/bills`, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST' } });
    expect((await preflight('https://game.example')).headers.get('access-control-allow-origin')).toBe(
      'https://game.example',
    );
    expect((await preflight('https://evil.example')).headers.get('access-control-allow-origin')).toBeNull();
    expect(await printed(cli.output, 'SANDBOX CHANNEL ON')).toContain('SANDBOX CHANNEL ON');
  }, 60_000);

  it('refuses to start with neither --config nor --dev', async () => {
    const run = await runCliToExit(await tempDir(), ['--port', '0'], { dev: false });
    expect(run.code).toBe(1);
    expect(run.output).toMatch(/no configuration: start with --config/);
  }, 60_000);

  it('refuses --sandbox-secret: secrets never go on a command line', async () => {
    const run = await runCliToExit(await tempDir(), [
      '--port',
      '0',
      '--sandbox-secret',
      'a-secret-on-the-command-line',
    ]);
    expect(run.code).toBe(1);
    expect(run.output).toMatch(/--sandbox-secret was removed.*COINSLOT_SANDBOX_SECRET/);
  }, 60_000);

  it('in production, lists every missing setting of an empty config and starts nothing', async () => {
    const output = await refusal({});
    for (const field of ['publicUrl', 'catalog', 'auth', 'corsOrigins', 'channels'])
      expect(output).toContain(`- ${field}:`);
  }, 60_000);

  it('in production, refuses the sandbox, an http publicUrl, "*" CORS and the memory store', async () => {
    const output = await refusal(
      productionConfig({ publicUrl: 'http://pay.example.com', corsOrigins: '*', store: 'memory' }),
    );
    expect(output).toMatch(/- publicUrl: must be https/);
    expect(output).toMatch(/- corsOrigins: "\*" is for development/);
    expect(output).toMatch(/- store: "memory" loses every bill/);
    expect(output).toMatch(/- channels\.sandbox: the sandbox channel is for development only/);
  }, 60_000);

  it('in production, refuses development auth and an inline server key', async () => {
    expect(await refusal(productionConfig({ auth: { development: true } }))).toMatch(
      /- auth: needs playerTokens or serverKeys/,
    );
    const inline = await refusal(productionConfig({ auth: { serverKeys: [SERVER_KEY] }, channels: { other: {} } }));
    expect(inline).toMatch(/auth\.serverKeys\[0\]: an inline secret is refused in production/);
    expect(inline).not.toContain(SERVER_KEY);
  }, 60_000);

  it('names the npm package to install for a channel that is neither built in nor installed', async () => {
    // The built CLI under plain Node: the import and its module-not-found error are Node's own.
    const output = await refusal({ mode: 'development', channels: { nonexistent: {} } }, {}, true);
    expect(output).toContain(
      'channels.nonexistent: no built-in channel "nonexistent" (built in: sandbox), and its package ' +
        '@coinslot/channel-nonexistent is not installed: run `npm install @coinslot/channel-nonexistent`',
    );
  }, 60_000);

  it('names the bad field of a config file', async () => {
    expect(await refusal({ mode: 'development', port: 'eighty' })).toMatch(/port: must be an integer from 0 to 65535/);
    expect(await refusal({ mode: 'development', colour: 'red' })).toMatch(/colour: is not a setting here/);
    expect(await refusal({ mode: 'development', auth: { serverKeys: [{ env: 'COINSLOT_UNSET_KEY' }] } }, {})).toMatch(
      /auth\.serverKeys\[0\]\.env: the environment variable COINSLOT_UNSET_KEY is not set/,
    );
  }, 60_000);

  it('keygen prints a fresh csk_ server key; --help documents the config file', async () => {
    const cwd = await tempDir();
    const [one, two] = await Promise.all([
      runCliToExit(cwd, ['keygen'], { dev: false }),
      runCliToExit(cwd, ['keygen'], { dev: false }),
    ]);
    expect(one.output.trim()).toMatch(/^csk_[A-Za-z0-9_-]{43}$/);
    expect(one.output).not.toBe(two.output);
    const help = await runCliToExit(cwd, ['--help'], { dev: false });
    expect(help.code).toBe(0);
    for (const text of [
      '--config',
      'keygen',
      'publicUrl',
      'corsOrigins',
      '--cors-origin',
      'channels',
      '@coinslot/channel-<id>',
      'docs/server-config.md',
    ]) {
      expect(help.output).toContain(text);
    }
  }, 60_000);
});
