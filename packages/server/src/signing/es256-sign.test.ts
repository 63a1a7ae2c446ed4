import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { checkSignedResult, type Bill } from '@coinslot/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { type Es256Sign, es256Sign, useEs256Sign, webCryptoEs256Sign } from './es256-sign.js';
import { nodeEs256Sign } from './node-es256-sign.js';
import { ResultSigner } from './result-signer.js';
import { generateSigningKey, importSigningKey, toPublicKey } from './signing-key.js';

const bill: Bill = {
  id: 'b_es256signtest000000',
  userId: 'player-1',
  itemId: 'coins-550',
  quantity: 1,
  amount: 499,
  currency: 'USD',
  channel: 'sandbox',
  state: 'paid',
  createdAt: 1,
  updatedAt: 2,
  expiresAt: 3,
} as Bill;

/**
 * Every source file `entry` reaches through relative imports, static or dynamic, that run: `import type` and
 * `export type` are erased (the web entry exports config types, whose type chain names Node-only files).
 */
function reachable(entry: string): Map<string, string> {
  const seen = new Map<string, string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    const text = readFileSync(file, 'utf8');
    seen.set(file, text);
    const next = (spec: string) => visit(join(dirname(file), spec.replace(/\.js$/, '.ts')));
    for (const [, typeOnly, spec] of text.matchAll(/^(?:import|export)\s+(type\s)?[^;]*?from '(\.{1,2}\/[^']+)'/gm))
      if (!typeOnly) next(spec!);
    for (const [, spec] of text.matchAll(/import\('(\.{1,2}\/[^']+)'\)/g)) next(spec!);
  };
  visit(join(import.meta.dirname, '..', entry));
  return seen;
}

describe('ES256 signing', () => {
  afterEach(() => useEs256Sign(webCryptoEs256Sign));

  it('makes raw r ‖ s signatures that verify, through WebCrypto and through node:crypto', async () => {
    const jwk = await generateSigningKey('k-test');
    const key = await importSigningKey(jwk);
    const { x, y } = jwk;
    const publicKey = await crypto.subtle.importKey(
      'jwk',
      { kty: 'EC', crv: 'P-256', x, y },
      { name: 'ECDSA', namedCurve: 'P-256' },
      false,
      ['verify'],
    );
    const data = new TextEncoder().encode('header.payload');
    for (const sign of [webCryptoEs256Sign, nodeEs256Sign]) {
      const signature = await sign(key, data);
      expect(signature).toHaveLength(64);
      expect(
        await crypto.subtle.verify({ name: 'ECDSA', hash: 'SHA-256' }, publicKey, new Uint8Array(signature), data),
      ).toBe(true);
    }
  });

  it('signs results the protocol accepts once the Node adapter installed node:crypto', async () => {
    const jwk = await generateSigningKey('k-test');
    const signer = await ResultSigner.create(jwk);
    useEs256Sign(nodeEs256Sign);
    const jws = await signer.sign(bill, 'nonce-0123456789abcdef', 1_700_000_000_000);
    const check = await checkSignedResult(jws, { billId: bill.id, nonce: 'nonce-0123456789abcdef' }, [
      toPublicKey(jwk),
    ]);
    expect(check).toMatchObject({ ok: true, payload: { billId: bill.id, state: 'paid' } });
    expect(await es256Sign(await importSigningKey(jwk), new Uint8Array(1))).toHaveLength(64);
  });

  it('signs with the signer a server was given, whatever the process default is', async () => {
    const jwk = await generateSigningKey('k-test');
    const calls: string[] = [];
    const counted =
      (name: string, sign: Es256Sign): Es256Sign =>
      (key, data) => {
        calls.push(name);
        return sign(key, data);
      };
    const webServer = await ResultSigner.create(jwk, counted('web', webCryptoEs256Sign));
    const nodeServer = await ResultSigner.create(jwk, counted('node', nodeEs256Sign));
    useEs256Sign(counted('process default', nodeEs256Sign));
    const expectation = { billId: bill.id, nonce: 'nonce-0123456789abcdef' };
    for (const signer of [webServer, nodeServer]) {
      const jws = await signer.sign(bill, expectation.nonce, 1_700_000_000_000);
      expect(await checkSignedResult(jws, expectation, [toPublicKey(jwk)])).toMatchObject({ ok: true });
    }
    expect(calls).toEqual(['web', 'node']);
    await expect(ResultSigner.create(jwk, 'node' as unknown as Es256Sign)).rejects.toThrow(/signer/);
  });

  it('keeps node:crypto out of @coinslot/server/web; the Node adapter brings it', () => {
    const web = reachable('web.ts');
    for (const [file, text] of web) expect(text, file).not.toMatch(/['"]node:/);
    expect([...reachable('index.ts').keys()].some((file) => file.endsWith('node-es256-sign.ts'))).toBe(true);
  });
});
