import { generateKeyPairSync, sign } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { runPayServerConformance } from '../src/pay-server-conformance/index.js';
import {
  ORIGIN,
  SANDBOX_SECRET,
  startReference,
  type HandlerWrap,
  type ReferenceServer,
} from './pay-server-conformance-server.js';

const SIGNED_RESULT_CHECKS = [
  'keys-endpoint',
  'signed-result-header',
  'signed-result-payload',
  'signed-result-verifies',
  'signed-result-nonce',
];
const servers: ReferenceServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/**
 * The reference server signs with ES256 only; this wrapper makes it an EdDSA server by re-signing each result with an
 * Ed25519 key and listing that key's public JWK (`jwk` lets a test break its form).
 */
function asEdDsaServer(jwk: (key: Record<string, unknown>) => Record<string, unknown> = (key) => key): HandlerWrap {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const kid = 'k-ed25519';
  const publicJwk = jwk({ ...publicKey.export({ format: 'jwk' }), kid, alg: 'EdDSA', use: 'sig' });
  return (handle) => async (request) => {
    const response = await handle(request);
    const path = new URL(request.url).pathname;
    if (path === '/v1/keys') return Response.json({ keys: [publicJwk] }, { headers: { 'cache-control': 'no-store' } });
    if (!path.endsWith('/result') || response.status !== 200) return response;
    const body = (await response.json()) as { result: string };
    const payload = JSON.parse(Buffer.from(body.result.split('.')[1]!, 'base64url').toString('utf8'));
    const input = `${part({ alg: 'EdDSA', kid, typ: 'coinslot-result+jws' })}.${part({ ...payload, kid })}`;
    const signature = sign(null, Buffer.from(input), privateKey).toString('base64url');
    return Response.json({ ...body, result: `${input}.${signature}` }, { headers: { 'cache-control': 'no-store' } });
  };
}

async function run(wrap: HandlerWrap, algorithms: Array<'ES256' | 'EdDSA'>) {
  const server = await startReference({ store: 'memory', wrap });
  servers.push(server);
  const report = await runPayServerConformance({
    url: server.url,
    sandboxSecret: SANDBOX_SECRET,
    origin: ORIGIN,
    algorithms,
    only: SIGNED_RESULT_CHECKS,
  });
  return Object.fromEntries(report.checks.map((check) => [check.id, `${check.status}: ${check.message ?? ''}`]));
}

describe('signed results with EdDSA (the reference server wrapped to re-sign with Ed25519)', () => {
  it('passes every signed-result check when configured for EdDSA', async () => {
    const results = await run(asEdDsaServer(), ['EdDSA']);
    expect(Object.values(results)).toEqual(SIGNED_RESULT_CHECKS.map(() => 'passed: '));
  });

  it('fails keys-endpoint and signed-result-header when the caller says ES256 but the server runs EdDSA', async () => {
    const results = await run(asEdDsaServer(), ['ES256']);
    expect(results['keys-endpoint']).toMatch(/^failed: .*lists no ES256 key/);
    expect(results['signed-result-header']).toMatch(/^failed: the header's alg "EdDSA" is not one of ES256/);
  });

  it('fails keys-endpoint for an OKP key in the EC form (crv P-256) and signed-result-verifies since it cannot be imported', async () => {
    const results = await run(
      asEdDsaServer((key) => ({ ...key, crv: 'P-256' })),
      ['EdDSA'],
    );
    expect(results['keys-endpoint']).toMatch(/^failed: key "k-ed25519": an EdDSA key must be kty OKP, crv Ed25519/);
    expect(results['signed-result-verifies']).toMatch(/^failed: the signed result of a created bill is rejected/);
  });
});
