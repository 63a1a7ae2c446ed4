import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ORIGIN, SANDBOX_SECRET, startReference, type ReferenceServer } from './pay-server-conformance-server.js';

const PACKAGE = resolve(import.meta.dirname, '..');
const VITE_NODE = resolve(PACKAGE, '../../node_modules/.bin/vite-node');

/** Runs `coinslot-conformance` from source as a child process; answers its exit code and output. */
function runCli(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(VITE_NODE, [join(PACKAGE, 'src/pay-server-conformance/cli.ts'), '--', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, COINSLOT_SANDBOX_SECRET: '', ...env },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((done) => child.once('exit', (code) => done({ code, stdout, stderr })));
}

describe('coinslot-conformance', () => {
  let server: ReferenceServer | undefined;
  let dir = '';
  beforeAll(async () => {
    server = await startReference({ store: 'memory', server: { corsOrigins: [ORIGIN] } });
    dir = await mkdtemp(join(tmpdir(), 'coinslot-cli-'));
    await writeFile(join(dir, 'secret'), `${SANDBOX_SECRET}\n`, { mode: 0o600 });
  });
  afterAll(async () => {
    await server?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('prints one line per check and exits 0 against the reference server (secret from a file)', async () => {
    const { code, stdout } = await runCli(['--url', server!.url, '--sandbox-secret-file', join(dir, 'secret'), '--algorithms', 'ES256']);
    const lines = stdout.trim().split('\n');
    expect(lines.filter((line) => line.startsWith('PASS ')).length).toBeGreaterThan(30);
    expect(lines.filter((line) => line.startsWith('FAIL '))).toEqual([]);
    expect(lines.filter((line) => line.startsWith('SKIP ')).map((line) => line.split(' ')[1])).toEqual(['bill-expiry', 'durable-bills', 'durable-idempotency-keys', 'durable-signing-key']);
    expect(lines.at(-1)).toMatch(/^OK: \d+ passed, 0 failed, 4 skipped/);
    expect(code).toBe(0);
  }, 120_000);

  it('exits 1 and prints FAIL lines when the secret is wrong (secret from the environment)', async () => {
    const { code, stdout } = await runCli(['--url', server!.url, '--only', 'report-proof,channels-endpoint'], { COINSLOT_SANDBOX_SECRET: 'not-the-sandbox-secret-at-all' });
    expect(stdout).toMatch(/^PASS channels-endpoint /m);
    expect(stdout).toMatch(/^FAIL report-proof .*INVALID_PROOF/m);
    expect(code).toBe(1);
  }, 60_000);

  it('refuses a secret on the command line and exits 2', async () => {
    const { code, stderr } = await runCli(['--url', server!.url, '--sandbox-secret', SANDBOX_SECRET]);
    expect(stderr).toMatch(/--sandbox-secret is refused/);
    expect(code).toBe(2);
  }, 60_000);
});
