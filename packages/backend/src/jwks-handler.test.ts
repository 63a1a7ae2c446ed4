import { describe, expect, it } from 'vitest';
import { jwksHandler, jwksNodeHandler } from './jwks-handler.js';

const jwks = {
  keys: [{ kty: 'EC', crv: 'P-256', x: 'x', y: 'y', kid: 'k1', alg: 'ES256' as const, use: 'sig' as const }],
};
const issuer = { jwks: () => jwks };

describe('jwksHandler', () => {
  it('serves { keys } as application/jwk-set+json, cacheable for five minutes', async () => {
    const response = jwksHandler(issuer)(new Request('https://game.example.test/.well-known/jwks.json'));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/jwk-set+json');
    expect(response.headers.get('cache-control')).toBe('public, max-age=300');
    expect(await response.json()).toEqual(jwks);
  });

  it('answers HEAD with the headers and no body', async () => {
    const response = jwksHandler(issuer)(new Request('https://game.example.test/jwks', { method: 'HEAD' }));
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('');
  });

  it('answers 405 with Allow to other methods', () => {
    const response = jwksHandler(issuer)(new Request('https://game.example.test/jwks', { method: 'POST' }));
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET, HEAD');
  });
});

describe('jwksNodeHandler', () => {
  function fakeResponse() {
    const res = { statusCode: 0, headers: {} as Record<string, string>, body: undefined as string | undefined };
    return Object.assign(res, {
      setHeader: (name: string, value: string) => (res.headers[name] = value),
      end: (body?: string) => (res.body = body),
    });
  }

  it('writes the same keys and headers as jwksHandler', () => {
    const res = fakeResponse();
    jwksNodeHandler(issuer)({ method: 'GET' }, res);
    expect(res.statusCode).toBe(200);
    expect(res.headers).toEqual({ 'content-type': 'application/jwk-set+json', 'cache-control': 'public, max-age=300' });
    expect(JSON.parse(res.body!)).toEqual(jwks);
  });

  it('answers 405 to other methods', () => {
    const res = fakeResponse();
    jwksNodeHandler(issuer)({ method: 'DELETE' }, res);
    expect(res.statusCode).toBe(405);
    expect(res.body).toBeUndefined();
  });
});
