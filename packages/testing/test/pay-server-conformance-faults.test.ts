import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { runPayServerConformance } from '../src/pay-server-conformance/index.js';
import {
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

/** Rewrites the request (its body read whole) before the reference server sees it. */
const rewriteRequest =
  (change: (init: { url: URL; method: string; headers: Headers; body: string | undefined }) => void): HandlerWrap =>
  (handle) =>
  async (request) => {
    const body = request.method === 'GET' || request.method === 'HEAD' ? undefined : await request.text();
    const init = { url: new URL(request.url), method: request.method, headers: new Headers(request.headers), body };
    change(init);
    return handle(
      new Request(init.url, {
        method: init.method,
        headers: init.headers,
        ...(init.body !== undefined ? { body: init.body } : {}),
      }),
    );
  };

/** Rewrites the reference server's answer. */
const rewriteAnswer =
  (change: (response: Response, request: Request) => Promise<Response> | Response): HandlerWrap =>
  (handle) =>
  async (request) =>
    change(await handle(request), request);

/** Runs `checks` against a reference server with one planted fault; answers each check's status and message. */
async function runAgainst(
  plant: Omit<ReferenceOptions, 'store'> & { store?: ReferenceOptions['store'] },
  checks: string[],
) {
  const server = await startReference({
    store: 'memory',
    ...plant,
    server: { corsOrigins: [ORIGIN], ...plant.server },
  });
  servers.push(server);
  const report = await runPayServerConformance({
    url: server.url,
    sandboxSecret: SANDBOX_SECRET,
    origin: ORIGIN,
    only: checks,
    restart: () => server.restart(),
  });
  return Object.fromEntries(report.checks.map((check) => [check.id, `${check.status}: ${check.message ?? ''}`]));
}

describe('the pay-server suite fails a server with a planted fault', () => {
  it('no Vary: Origin on error answers fails cors-error-answers (and only that)', async () => {
    const wrap = rewriteAnswer((response) => {
      if (response.status >= 400) response.headers.delete('vary');
      return response;
    });
    const results = await runAgainst({ wrap }, ['cors-success-answers', 'cors-error-answers']);
    expect(results['cors-success-answers']).toBe('passed: ');
    expect(results['cors-error-answers']).toMatch(/^failed: .*Vary: Origin/);
  });

  it('CORS headers on preflights only (a literal reading of the old page) fails cors-success-answers', async () => {
    const wrap = rewriteAnswer((response, request) => {
      if (request.method !== 'OPTIONS') response.headers.delete('access-control-allow-origin');
      return response;
    });
    const results = await runAgainst({ wrap }, ['cors-preflight', 'cors-success-answers']);
    expect(results['cors-preflight']).toBe('passed: ');
    expect(results['cors-success-answers']).toMatch(/^failed: .*Access-Control-Allow-Origin/);
  });

  it('a replayed create that makes a new bill fails idempotent-replay', async () => {
    const wrap = rewriteRequest(({ url, method, headers }) => {
      if (url.pathname === '/v1/bills' && method === 'POST')
        headers.set('idempotency-key', randomBytes(12).toString('base64url'));
    });
    expect((await runAgainst({ wrap }, ['idempotent-replay']))['idempotent-replay']).toMatch(
      /^failed: a replay of the create: expected HTTP 200, got 201/,
    );
  });

  it('a signed result that does not echo the request’s nonce fails signed-result-nonce and signed-result-verifies', async () => {
    const wrap = rewriteRequest(({ url }) => {
      if (url.pathname.endsWith('/result')) url.searchParams.set('nonce', randomBytes(16).toString('base64url'));
    });
    const results = await runAgainst({ wrap }, ['signed-result-nonce', 'signed-result-verifies']);
    expect(results['signed-result-nonce']).toMatch(/^failed: the nonces echoed by two waits/);
    expect(results['signed-result-verifies']).toMatch(/^failed: .*nonce/);
  });

  it('INVALID_TRANSITION with state beside error instead of inside it fails forbidden-transitions', async () => {
    const wrap = rewriteAnswer(async (response) => {
      if (response.status !== 409) return response;
      const { error } = (await response.json()) as { error: Record<string, unknown> };
      const { state, ...rest } = error;
      const headers = new Headers(response.headers);
      headers.delete('content-length');
      return Response.json({ error: rest, state }, { status: 409, headers });
    });
    expect((await runAgainst({ wrap }, ['forbidden-transitions']))['forbidden-transitions']).toMatch(
      /^failed: .*error\.state/,
    );
  });

  it('a server that takes only reason "closed" on cancel fails cancel-bill', async () => {
    const wrap: HandlerWrap = (handle) => async (request) => {
      if (!request.url.endsWith('/cancel')) return handle(request);
      const text = await request.clone().text();
      const reason = text ? (JSON.parse(text) as { reason?: string }).reason : undefined;
      if (reason !== undefined && reason !== 'closed') {
        return Response.json(
          { error: { code: 'INVALID_FIELD', message: 'reason must be closed', retryable: false, field: 'reason' } },
          { status: 400 },
        );
      }
      return handle(request);
    };
    expect((await runAgainst({ wrap }, ['cancel-bill']))['cancel-bill']).toMatch(
      /^failed: cancel with reason cancelled: expected HTTP 200, got 400/,
    );
  });

  it('acknowledging a refund of an unpaid bill (200 instead of 409, so it is lost) fails reversal-before-payment', async () => {
    const wrap = rewriteAnswer((response, request) => {
      if (!request.url.endsWith('/v1/notify/sandbox') || response.status !== 409) return response;
      return Response.json({ ok: true });
    });
    expect((await runAgainst({ wrap }, ['reversal-before-payment']))['reversal-before-payment']).toMatch(
      /^failed: a refund notification on a created bill: expected 409 INVALID_TRANSITION, got HTTP 200/,
    );
  });

  it('a body limit above 64 KiB fails body-limit', async () => {
    const results = await runAgainst({ server: { maxBodyBytes: 1 << 20 } }, ['body-limit']);
    expect(results['body-limit']).toMatch(
      /^failed: a create body of 65 537 bytes with Content-Length: expected 413 BODY_TOO_LARGE, got HTTP 201/,
    );
  });

  it('a store that forgets on restart fails durable-bills and durable-idempotency-keys', async () => {
    const results = await runAgainst({ store: 'memory' }, ['durable-bills', 'durable-idempotency-keys']);
    expect(results['durable-bills']).toMatch(/^failed: GET \/v1\/bills\/\S+: expected HTTP 200, got 404/);
    expect(results['durable-idempotency-keys']).toMatch(
      /^failed: a replay after the restart .*expected HTTP 200, got 201/,
    );
  });

  it('a new signing key after a restart fails durable-signing-key (bills kept on SQLite)', async () => {
    const results = await runAgainst({ store: 'sqlite', newKeyOnRestart: true }, [
      'durable-bills',
      'durable-signing-key',
    ]);
    expect(results['durable-bills']).toBe('passed: ');
    expect(results['durable-signing-key']).toMatch(/^failed: key k-conformance is no longer listed after the restart/);
  });
});

describe('the pay-server suite on a server without the optional sandbox reversal routes', () => {
  it('passes sandbox-reversal-routes with a note, and still checks reversals by notification', async () => {
    const server = await startReference({
      store: 'memory',
      server: { corsOrigins: [ORIGIN] },
      wrap: (handle) => async (request) =>
        /\/checkout\/[^/]+\/(refund|chargeback)$/.test(new URL(request.url).pathname)
          ? Response.json(
              { error: { code: 'NOT_FOUND', message: 'no such endpoint', retryable: false } },
              { status: 404 },
            )
          : handle(request),
    });
    servers.push(server);
    const report = await runPayServerConformance({
      url: server.url,
      sandboxSecret: SANDBOX_SECRET,
      origin: ORIGIN,
      only: ['sandbox-reversal-routes', 'reversal-refunds'],
    });
    expect(report.checks.map(({ id, status, notes }) => [id, status, notes])).toEqual([
      ['reversal-refunds', 'passed', undefined],
      [
        'sandbox-reversal-routes',
        'passed',
        ['the server offers no sandbox refund route (optional, §7); its reversals were checked by notifications'],
      ],
    ]);
  });
});
