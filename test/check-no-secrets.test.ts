import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '..');
const SCRIPT = path.join(ROOT, 'scripts/check-no-secrets.mjs');
const check = (...args: string[]) =>
  spawnSync(process.execPath, [SCRIPT, ...args], { cwd: ROOT, encoding: 'utf8', timeout: 300_000 });

const dir = mkdtempSync(path.join(tmpdir(), 'coinslot-secrets-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// A real client file, copied, then one secret planted in each copy.
const CLEAN = path.join(ROOT, 'packages/channel-sandbox/dist/index.js');
const PLANTS: Array<[string, string, RegExp]> = [
  [
    'a private JWK',
    'export const k = {kty:"EC",crv:"P-256",x:"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU",y:"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0",d:"jpsQnnGQmL-YBIffH1136cspYG6-0iY7X1fCE9-E9LI"};',
    /private JWK/,
  ],
  [
    'a private JWK as JSON',
    'const text = \'{"crv":"P-256","d":"jpsQnnGQmL-YBIffH1136cspYG6-0iY7X1fCE9-E9LI","kty":"EC","x":"f83O","y":"x_FE"}\';',
    /private JWK/,
  ],
  [
    'a PEM private key',
    'export const pem = `-----BEGIN PRIVATE KEY-----\nMIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg\n-----END PRIVATE KEY-----`;',
    /PEM private key/,
  ],
  ['the sandbox secret option', 'createSandboxDriver({ sandboxSecret: "0123456789abcdef" });', /sandbox secret option/],
  [
    'an HMAC key import',
    'crypto.subtle.importKey("raw", bytes, { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);',
    /HMAC key material/,
  ],
  ['createHmac', 'export const mac = (s, b) => createHmac("sha256", s).update(b).digest("hex");', /createHmac/],
  ['a node:crypto import', 'import { randomBytes } from "node:crypto";', /node:crypto import/],
];

describe('npm run check:secrets', () => {
  it('passes on the real client bundles and says what it scanned', () => {
    const run = check();
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    for (const name of ['@coinslot/core (browser entry)', '@coinslot/channel-sandbox', 'web shop dist/'])
      expect(run.stdout).toContain(name);
  });

  it('passes on an untouched copy of a client file', () => {
    const clean = mkdtempSync(path.join(dir, 'clean-'));
    copyFileSync(CLEAN, path.join(clean, 'index.js'));
    const run = check('--dir', clean);
    expect(run.status).toBe(0);
  });

  it.each(PLANTS)('fails on a copy with %s planted', (_, plant, finding) => {
    const planted = mkdtempSync(path.join(dir, 'planted-'));
    copyFileSync(CLEAN, path.join(planted, 'index.js'));
    writeFileSync(path.join(planted, 'index.js'), `${plant}\n`, { flag: 'a' });
    const run = check('--dir', planted);
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(finding);
    expect(run.stderr).toContain('check:secrets FAILED');
  });
});
