import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseAdminConfig } from '../src/admin/admin-config.js';
import { SessionTokens } from '../src/admin/console/session-token.js';
import { hashPassword, verifyPassword } from '../src/admin/password-hash.js';

const CLI = fileURLToPath(new URL('../dist/cli.js', import.meta.url));

/** Runs the built CLI with `input` on standard input; answers its exit code and output. */
function runCli(args: string[], input: string): Promise<{ code: number | null; out: string; err: string }> {
  const child = spawn(process.execPath, [CLI, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk));
  child.stderr.on('data', (chunk: Buffer) => (err += chunk));
  child.stdin.end(input);
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, out, err })));
}

describe('admin console credentials', () => {
  it('hashes a password with scrypt in the documented format; only that password verifies', async () => {
    const hash = await hashPassword('correct horse battery staple');
    expect(hash).toMatch(/^scrypt\$ln=17,r=8,p=1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(await verifyPassword('correct horse battery staple', hash)).toBe(true);
    expect(await verifyPassword('correct horse battery stapl', hash)).toBe(false);
    expect(await hashPassword('correct horse battery staple')).not.toBe(hash);
  });

  it('refuses a cheap or malformed hash in admin.users, naming the field', () => {
    const cheap = 'scrypt$ln=10,r=8,p=1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
    expect(() => parseAdminConfig({ users: [{ name: 'ops', passwordHash: cheap }] })).toThrow(
      /admin\.users\[0\]\.passwordHash/,
    );
    expect(() => parseAdminConfig({ users: [{ name: 'ops', passwordHash: 'hunter2' }] })).toThrow(/passwordHash/);
    expect(() => parseAdminConfig({ users: [] })).toThrow(/admin\.users/);
  });

  it('takes admin.users without keys: a console and no admin API', async () => {
    const passwordHash = await hashPassword('a long enough password');
    expect(parseAdminConfig({ users: [{ name: 'ops', passwordHash }] })).toEqual({
      keys: [],
      users: [{ name: 'ops', passwordHash }],
    });
  });

  it('signs sessions that another instance with the same signing key reads, and no other', () => {
    const session = { sid: SessionTokens.newId(), user: 'ops', issuedAt: 1, seenAt: 2, credential: 'c' };
    const cookie = new SessionTokens('shared-signing-key-d').sign(session);
    expect(new SessionTokens('shared-signing-key-d').read(cookie)).toEqual(session);
    expect(new SessionTokens('another-signing-key').read(cookie)).toBeUndefined();
    const [body, mac] = cookie.split('.');
    const forged = Buffer.from(JSON.stringify({ ...session, user: 'root' })).toString('base64url');
    expect(new SessionTokens('shared-signing-key-d').read(`${forged}.${mac}`)).toBeUndefined();
    expect(body).not.toBe(forged);
  });

  it('coinslot-server admin hash-password reads the password from stdin and prints a hash that verifies', async () => {
    const { code, out } = await runCli(['admin', 'hash-password'], 'a password from stdin\n');
    expect(code).toBe(0);
    expect(await verifyPassword('a password from stdin', out.trim())).toBe(true);
    const short = await runCli(['admin', 'hash-password'], 'short\n');
    expect(short.code).not.toBe(0);
    expect(short.err).toContain('at least 12 characters');
  }, 30_000);
});
