import { afterEach, describe, expect, it } from 'vitest';
import { runPayServerConformance } from '../src/pay-server-conformance/index.js';
import {
  createTestIdentity,
  ORIGIN,
  SANDBOX_SECRET,
  startReference,
  type HandlerWrap,
  type ReferenceOptions,
  type ReferenceServer,
} from './pay-server-conformance-server.js';

const servers: ReferenceServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

type Plant = Omit<ReferenceOptions, 'store' | 'wrap'> & {
  store?: ReferenceOptions['store'];
  wrap?: (serverKey: string) => HandlerWrap;
};

/** Runs `checks` against a reference server with credentials and one planted fault; answers each check's status and message. */
async function runAgainst(plant: Plant, checks: string[], suite: { deliveredBy?: 'player' | 'server' } = {}) {
  const { wrap: plantWrap, ...options } = plant;
  const identity = createTestIdentity({ auth: 'player-tokens', ...options });
  const wrap = plantWrap?.((identity.suiteAuth as { serverKey: string }).serverKey);
  const server = await startReference({
    store: 'memory',
    auth: 'player-tokens',
    ...options,
    identity,
    ...(wrap ? { wrap } : {}),
    server: { corsOrigins: [ORIGIN] },
  });
  servers.push(server);
  const auth = { ...server.suiteAuth, ...suite } as typeof server.suiteAuth;
  const report = await runPayServerConformance({
    url: server.url,
    sandboxSecret: SANDBOX_SECRET,
    origin: ORIGIN,
    only: checks,
    auth,
    catalog: true,
    restart: () => server.restart(),
  });
  return Object.fromEntries(report.checks.map((check) => [check.id, `${check.status}: ${check.message ?? ''}`]));
}

const credentialOf = (request: Request) => /^Bearer (.*)$/i.exec(request.headers.get('authorization') ?? '')?.[1];
const isPlayerToken = (credential: string | undefined) => credential !== undefined && !/^(csk|cbt)_/.test(credential);

/** Lets requests that `when` picks through with the server key instead of their own credential: an access rule left out. */
const actsAsServer =
  (when: (request: Request, url: URL) => boolean) =>
  (serverKey: string): HandlerWrap =>
  (handle) =>
  async (request) => {
    if (!when(request, new URL(request.url))) return handle(request);
    const headers = new Headers(request.headers);
    headers.set('authorization', `Bearer ${serverKey}`);
    const body = request.method === 'GET' ? undefined : await request.text();
    return handle(
      new Request(request.url, { method: request.method, headers, ...(body !== undefined ? { body } : {}) }),
    );
  };

describe('the cross-player and credential checks fail a server with a planted fault', () => {
  it('deliver that ignores the bill’s owner (a player delivers another player’s bill) fails cross-player-bills', async () => {
    const wrap = actsAsServer(
      (request, url) => url.pathname.endsWith('/deliver') && isPlayerToken(credentialOf(request)),
    );
    const results = await runAgainst({ wrap }, ['cross-player-bills']);
    expect(results['cross-player-bills']).toMatch(
      /^failed: player A’s token on POST …\/deliver of a paid bill: expected 404 BILL_NOT_FOUND, got HTTP 200/,
    );
  });

  it('403 FORBIDDEN instead of 404 for another player’s bill (its existence shows) fails cross-player-bills', async () => {
    const wrap =
      (serverKey: string): HandlerWrap =>
      (handle) =>
      async (request) => {
        const response = await handle(request);
        const id = /^\/v1\/bills\/([^/]+)/.exec(new URL(request.url).pathname)?.[1];
        if (response.status !== 404 || id === undefined || !isPlayerToken(credentialOf(request))) return response;
        const exists = await handle(
          new Request(new URL(`/v1/bills/${id}`, request.url), { headers: { authorization: `Bearer ${serverKey}` } }),
        );
        if (exists.status !== 200) return response;
        return Response.json(
          { error: { code: 'FORBIDDEN', message: 'not your bill', retryable: false } },
          { status: 403 },
        );
      };
    const results = await runAgainst({ wrap }, ['cross-player-bills']);
    expect(results['cross-player-bills']).toMatch(
      /^failed: player A’s token on GET \/v1\/bills\/:id of a created bill: expected 404 BILL_NOT_FOUND, got HTTP 403/,
    );
  });

  it('a listing that believes ?user= (any player lists another’s paid bills) fails cross-player-create-list', async () => {
    const wrap = actsAsServer(
      (request, url) =>
        url.pathname === '/v1/bills' && request.method === 'GET' && isPlayerToken(credentialOf(request)),
    );
    const results = await runAgainst({ wrap }, ['cross-player-create-list']);
    expect(results['cross-player-create-list']).toMatch(
      /^failed: player A’s token on GET \/v1\/bills\?user=\S+: expected 403 FORBIDDEN, got HTTP 200/,
    );
  });

  it('a create that believes the body’s userId fails cross-player-create-list', async () => {
    const wrap = actsAsServer(
      (request, url) =>
        url.pathname === '/v1/bills' && request.method === 'POST' && isPlayerToken(credentialOf(request)),
    );
    const results = await runAgainst({ wrap }, ['cross-player-create-list']);
    expect(results['cross-player-create-list']).toMatch(
      /^failed: player A’s token on POST \/v1\/bills for \S+: expected 403 FORBIDDEN, got HTTP 201/,
    );
  });

  it('bill tokens checked against every bill the server issued, not the bill in the path, fail bill-token-scope', async () => {
    const issued = new Set<string>();
    const wrap = (serverKey: string): HandlerWrap => {
      const swap = actsAsServer((request) => issued.has(credentialOf(request) ?? ''))(serverKey);
      return (handle) => {
        const swapped = swap(handle);
        return async (request) => {
          const response = await swapped(request);
          const token = (
            await response
              .clone()
              .json()
              .catch(() => undefined)
          )?.billToken;
          if (typeof token === 'string') issued.add(token);
          return response;
        };
      };
    };
    const results = await runAgainst({ wrap }, ['bill-token-scope']);
    expect(results['bill-token-scope']).toMatch(
      /^failed: another bill’s token on GET \/v1\/bills\/:id of a created bill: expected 401 UNAUTHENTICATED or 404 BILL_NOT_FOUND, got HTTP 200/,
    );
  });

  it('a 401 without WWW-Authenticate fails auth-no-credential', async () => {
    const wrap = (): HandlerWrap => (handle) => async (request) => {
      const response = await handle(request);
      if (response.status === 401) response.headers.delete('www-authenticate');
      return response;
    };
    const results = await runAgainst({ wrap }, ['auth-no-credential']);
    expect(results['auth-no-credential']).toMatch(
      /^failed: no credential on POST \/v1\/bills for \S+: a 401 must carry WWW-Authenticate: Bearer/,
    );
  });

  it('a day of clock tolerance (expired player tokens accepted) fails auth-expired-player-token', async () => {
    const results = await runAgainst({ clockToleranceSeconds: 86_400 }, [
      'auth-expired-player-token',
      'auth-no-credential',
    ]);
    expect(results['auth-no-credential']).toBe('passed: ');
    expect(results['auth-expired-player-token']).toMatch(
      /^failed: an expired player token .* on POST \/v1\/bills for \S+: expected 401 UNAUTHENTICATED, got HTTP 201/,
    );
  });

  it('a server that lets players deliver where the game backend delivers fails deliver-by-server', async () => {
    const results = await runAgainst({ deliveredBy: 'player' }, ['deliver-by-server'], { deliveredBy: 'server' });
    expect(results['deliver-by-server']).toMatch(
      /^failed: the bill’s own token on POST …\/deliver of the player’s own paid bill: expected 403 FORBIDDEN, got HTTP 200/,
    );
  });

  it('an unknown server key accepted (only its csk_ prefix checked) fails auth-bad-credentials', async () => {
    const wrap = actsAsServer((request) => /^csk_/.test(credentialOf(request) ?? ''));
    const results = await runAgainst({ wrap, auth: 'server-key' }, ['auth-bad-credentials']);
    expect(results['auth-bad-credentials']).toMatch(
      /^failed: an unknown server key on POST \/v1\/bills for \S+: expected 401 UNAUTHENTICATED, got HTTP 201/,
    );
  });

  it('a bill-token secret that changes on restart fails durable-bills (bills kept on SQLite)', async () => {
    const results = await runAgainst({ store: 'sqlite', newBillTokenSecretOnRestart: true }, ['durable-bills']);
    expect(results['durable-bills']).toMatch(
      /^failed: GET \/v1\/bills\/\S+: expected HTTP 200, got 401 .*UNAUTHENTICATED/,
    );
  });

  it('a create answer without billToken fails create-bill', async () => {
    const wrap = (): HandlerWrap => (handle) => async (request) => {
      const response = await handle(request);
      if (new URL(request.url).pathname !== '/v1/bills' || request.method !== 'POST' || response.status !== 201)
        return response;
      const { billToken: _, ...rest } = (await response.json()) as Record<string, unknown>;
      return Response.json(rest, { status: 201, headers: { 'access-control-allow-origin': ORIGIN, vary: 'Origin' } });
    };
    const results = await runAgainst({ wrap }, ['create-bill']);
    expect(results['create-bill']).toMatch(
      /^failed: billToken must be cbt_ and 43 base64url characters \(§2\), got undefined/,
    );
  });
});
