import { encodeBase64Url, type ResultVerifier } from '@coinslot/protocol';
import { beforeAll, describe, expect, it } from 'vitest';
import { nodeResultVerifier } from '../node/node-result-verifier.js';
import { createResultSigner, resultPayload, type ResultSigner } from '../test-support/result-signer.js';
import { verifySignedResult as verifyWith } from './verify-signed-result.js';

// Every case runs with the default (WebCrypto) and with `nodeResultVerifier()`: both must accept and reject alike.
const VERIFIERS: [string, ResultVerifier | undefined][] = [
  ['WebCrypto (the default)', undefined],
  ['node:crypto', nodeResultVerifier()],
];

const expectation = { billId: 'b_1', nonce: 'nonce-0123456789abcdef' };
let es: ResultSigner;
let ed: ResultSigner;
const payload = (overrides = {}) => resultPayload({ ...expectation, kid: es.publicKey.kid, ...overrides });
const part = (value: unknown) => encodeBase64Url(new TextEncoder().encode(JSON.stringify(value)));

beforeAll(async () => {
  es = await createResultSigner('ES256');
  ed = await createResultSigner('EdDSA');
});

describe.each(VERIFIERS)('verifySignedResult with %s', (_name, verifier) => {
  const verifySignedResult: typeof verifyWith = (jws, expect_, keys) => verifyWith(jws, expect_, keys, verifier);
  const rejects = (jws: Promise<string> | string, keys = [es.publicKey], expect_ = expectation) =>
    expect(Promise.resolve(jws).then((token) => verifySignedResult(token, expect_, keys))).rejects.toMatchObject({
      code: 'RESULT_REJECTED',
    });

  it('accepts an ES256 result and an EdDSA result', async () => {
    await expect(verifySignedResult(await es.sign(payload()), expectation, [es.publicKey])).resolves.toMatchObject({
      state: 'paid',
      billId: 'b_1',
    });
    const edPayload = resultPayload({
      ...expectation,
      kid: ed.publicKey.kid,
      state: 'failed',
      failureReason: 'declined',
    });
    await expect(
      verifySignedResult(await ed.sign(edPayload), expectation, [es.publicKey, ed.publicKey]),
    ).resolves.toMatchObject({ state: 'failed' });
  });

  it.each([
    ['alg none', { alg: 'none' }],
    ['an HMAC alg', { alg: 'HS256' }],
    ['RS256', { alg: 'RS256' }],
    ['a wrong typ', { typ: 'JWT' }],
    ['an unexpected header member', { crit: ['exp'] }],
    ['no kid', { kid: undefined }],
  ])('rejects %s in the header', async (_, header) => {
    await rejects(es.sign(payload(), header));
  });

  it('rejects an unsigned alg-none token with an empty signature', async () => {
    await rejects(`${part({ alg: 'none', kid: es.publicKey.kid, typ: 'coinslot-result+jws' })}.${part(payload())}.`);
  });

  it('rejects an unknown kid', async () => {
    const other = await createResultSigner('ES256', 'k-unknown');
    await rejects(other.sign(resultPayload({ ...expectation, kid: 'k-unknown' })));
  });

  it('rejects a key whose own alg differs from the header alg', async () => {
    const token = await es.sign(payload());
    await rejects(token, [{ ...es.publicKey, alg: 'EdDSA' }]);
  });

  it('rejects a bad signature, a tampered payload and a key swap under the same kid', async () => {
    const token = await es.sign(payload());
    const [h, p, s] = token.split('.') as [string, string, string];
    const flipped = `${s.slice(0, 10)}${s[10] === 'A' ? 'B' : 'A'}${s.slice(11)}`;
    await rejects(`${h}.${p}.${flipped}`);
    await rejects(`${h}.${part({ ...payload(), amount: 1 })}.${s}`);
    const impostor = await createResultSigner('ES256', es.publicKey.kid);
    await rejects(impostor.sign(payload()));
  });

  it.each([
    ['a payload kid that differs from the header', { kid: 'k-other' }],
    ['v other than 1', { v: 2 }],
    ['another bill', { billId: 'b_2' }],
    ['another nonce (a replayed answer)', { nonce: 'nonce-of-an-older-wait' }],
    ['an unknown state', { state: 'refunded' }],
    ['a non-integer amount', { amount: '499' }],
  ])('rejects %s', async (_, overrides) => {
    await rejects(es.sign(payload(overrides)));
  });

  it.each([
    ['two parts', (t: string) => t.split('.').slice(0, 2).join('.')],
    ['an empty payload', (t: string) => t.replace(/\.[^.]+\./, '..')],
    ['a truncated signature', (t: string) => t.slice(0, -8)],
    ['padding', (t: string) => `${t}==`],
    [
      'a header that is not JSON',
      (t: string) => `${encodeBase64Url(new TextEncoder().encode('{nope'))}${t.slice(t.indexOf('.'))}`,
    ],
    ['not a string', () => 42 as unknown as string],
  ])('rejects a malformed token: %s', async (_, mangle) => {
    await rejects(mangle(await es.sign(payload())));
  });

  it('rejects a trusted key that cannot be imported (a point off the curve) as such, with the cause', async () => {
    const offCurve = { ...es.publicKey, y: es.publicKey.x };
    await expect(verifySignedResult(await es.sign(payload()), expectation, [offCurve])).rejects.toMatchObject({
      code: 'RESULT_REJECTED',
      message: expect.stringContaining('cannot be imported'),
      cause: expect.any(Error),
    });
  });
});
