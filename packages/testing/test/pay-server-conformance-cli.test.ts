import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PAY_SERVER_CHECKS } from '../src/pay-server-conformance/index.js';
import { ORIGIN, SANDBOX_SECRET, startReference, type ReferenceServer } from './pay-server-conformance-server.js';

/** The checks that need credentials: skipped in development mode. */
const CREDENTIAL_CHECKS = [
  'auth-no-credential',
  'auth-bad-credentials',
  'auth-expired-player-token',
  'own-bill-credentials',
  'cross-player-bills',
  'cross-player-create-list',
  'cross-game-bills',
  'cross-game-list-events',
  'bill-token-scope',
  'deliver-by-server',
];

const PACKAGE = resolve(import.meta.dirname, '..');
const VITE_NODE = resolve(PACKAGE, '../../node_modules/.bin/vite-node');

/** Runs `coinslot-conformance` from source as a child process; answers its exit code and output. */
function runCli(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(VITE_NODE, [join(PACKAGE, 'src/pay-server-conformance/cli.ts'), '--', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, COINSLOT_SANDBOX_SECRET: '', COINSLOT_SERVER_KEY: '', ...env },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((done) => child.once('exit', (code) => done({ code, stdout, stderr })));
}

describe('coinslot-conformance', () => {
  let server: ReferenceServer | undefined;
  let keyed: ReferenceServer | undefined;
  let dir = '';
  beforeAll(async () => {
    server = await startReference({ store: 'memory', server: { corsOrigins: [ORIGIN] } });
    keyed = await startReference({ store: 'memory', auth: 'server-key', server: { corsOrigins: [ORIGIN] } });
    dir = await mkdtemp(join(tmpdir(), 'coinslot-cli-'));
    await writeFile(join(dir, 'secret'), `${SANDBOX_SECRET}\n`, { mode: 0o600 });
    await writeFile(join(dir, 'server-key'), `${(keyed.suiteAuth as { serverKey: string }).serverKey}\n`, {
      mode: 0o600,
    });
  });
  afterAll(async () => {
    await server?.close();
    await keyed?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('prints one line per check and exits 0 against the reference server (secret from a file)', async () => {
    const { code, stdout } = await runCli([
      '--url',
      server!.url,
      '--sandbox-secret-file',
      join(dir, 'secret'),
      '--algorithms',
      'ES256',
    ]);
    const lines = stdout.trim().split('\n');
    expect(lines.filter((line) => line.startsWith('PASS ')).length).toBeGreaterThan(30);
    expect(lines.filter((line) => line.startsWith('FAIL '))).toEqual([]);
    const skipped = PAY_SERVER_CHECKS.map(({ id }) => id).filter((id) =>
      [
        ...CREDENTIAL_CHECKS,
        'catalog-pricing',
        'bill-expiry',
        'durable-bills',
        'durable-idempotency-keys',
        'durable-signing-key',
      ].includes(id),
    );
    expect(lines.filter((line) => line.startsWith('SKIP ')).map((line) => line.split(' ')[1])).toEqual(skipped);
    expect(lines.find((line) => line.startsWith('SKIP cross-player-bills '))).toMatch(
      /development mode has no credentials/,
    );
    expect(lines.at(-1)).toMatch(new RegExp(`^OK: \\d+ passed, 0 failed, ${skipped.length} skipped`));
    expect(code).toBe(0);
  }, 120_000);

  it('exits 1 and prints FAIL lines when the secret is wrong (secret from the environment)', async () => {
    const { code, stdout } = await runCli(['--url', server!.url, '--only', 'report-proof,channels-endpoint'], {
      COINSLOT_SANDBOX_SECRET: 'not-the-sandbox-secret-at-all',
    });
    expect(stdout).toMatch(/^PASS channels-endpoint /m);
    expect(stdout).toMatch(/^FAIL report-proof .*INVALID_PROOF/m);
    expect(code).toBe(1);
  }, 60_000);

  it('runs the credential checks in server-key mode with the key from --server-key-file', async () => {
    const only = [
      'create-bill',
      'auth-no-credential',
      'cross-player-bills',
      'cross-player-create-list',
      'bill-token-scope',
    ];
    const { code, stdout } = await runCli([
      '--url',
      keyed!.url,
      '--sandbox-secret-file',
      join(dir, 'secret'),
      '--server-key-file',
      join(dir, 'server-key'),
      '--only',
      only.join(','),
    ]);
    expect(
      stdout
        .trim()
        .split('\n')
        .slice(0, -1)
        .map((line) => line.split(' ').slice(0, 2).join(' ')),
    ).toEqual([
      'PASS create-bill',
      'PASS auth-no-credential',
      'PASS cross-player-bills',
      'SKIP cross-player-create-list',
      'PASS bill-token-scope',
    ]);
    expect(stdout).toMatch(/^SKIP cross-player-create-list .*needs player tokens/m);
    expect(code).toBe(0);
  }, 60_000);

  it('exits 1 when $COINSLOT_SERVER_KEY is not one of the server’s keys', async () => {
    const { code, stdout } = await runCli(['--url', keyed!.url, '--only', 'create-bill'], {
      COINSLOT_SANDBOX_SECRET: SANDBOX_SECRET,
      COINSLOT_SERVER_KEY: `csk_${'A'.repeat(43)}`,
    });
    expect(stdout).toMatch(/^FAIL create-bill .*expected HTTP 201, got 401/m);
    expect(code).toBe(1);
  }, 60_000);

  it('refuses a server key on the command line and exits 2', async () => {
    const { code, stderr } = await runCli(['--url', keyed!.url, '--server-key', 'csk_x']);
    expect(stderr).toMatch(/--server-key is refused/);
    expect(code).toBe(2);
  }, 60_000);

  it('refuses a secret on the command line and exits 2', async () => {
    const { code, stderr } = await runCli(['--url', server!.url, '--sandbox-secret', SANDBOX_SECRET]);
    expect(stderr).toMatch(/--sandbox-secret is refused/);
    expect(code).toBe(2);
  }, 60_000);
});
