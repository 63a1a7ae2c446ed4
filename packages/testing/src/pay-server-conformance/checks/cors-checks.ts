import { check, show } from '../check-failure.js';
import type { CheckContext, PayServerCheck } from '../check-context.js';
import type { Answer } from '../http-client.js';

const listed = (header: string | null, name: string) =>
  (header ?? '')
    .split(',')
    .map((item) => item.trim().toLowerCase())
    .some((item) => item === name.toLowerCase() || item === '*');

/** Fails unless `answer` carries the CORS headers of every answer (protocol preamble) for the suite's origin. */
function expectCors(ctx: CheckContext, answer: Answer, what: string): void {
  const allow = answer.headers.get('access-control-allow-origin');
  check(
    allow === '*' || allow === ctx.options.origin,
    `${what}: Access-Control-Allow-Origin must be ${ctx.options.origin} or *, got ${show(allow)}`,
  );
  if (allow !== '*')
    check(
      listed(answer.headers.get('vary'), 'origin'),
      `${what}: an answer that echoes the Origin must carry Vary: Origin, got Vary ${show(answer.headers.get('vary'))}`,
    );
  check(
    listed(answer.headers.get('access-control-expose-headers'), 'retry-after'),
    `${what}: Access-Control-Expose-Headers must include Retry-After, got ${show(answer.headers.get('access-control-expose-headers'))}`,
  );
  check(
    /\bno-store\b/.test(answer.headers.get('cache-control') ?? ''),
    `${what}: Cache-Control must be no-store, got ${show(answer.headers.get('cache-control'))}`,
  );
}

export const corsChecks: PayServerCheck[] = [
  {
    id: 'cors-preflight',
    title:
      'a preflight for the game’s origin allows GET, POST, Content-Type, Idempotency-Key and (with credentials) Authorization',
    section: 'preamble: CORS, §2 Authentication',
    async run(ctx) {
      const answer = await ctx.http.call('/v1/bills', {
        method: 'OPTIONS',
        headers: {
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'authorization,content-type,idempotency-key',
        },
        credential: null,
      });
      check(answer.status >= 200 && answer.status < 300, `a preflight must answer 2xx, got ${answer.status}`);
      const allow = answer.headers.get('access-control-allow-origin');
      check(
        allow === '*' || allow === ctx.options.origin,
        `the preflight's Access-Control-Allow-Origin must be ${ctx.options.origin} or *, got ${show(allow)}`,
      );
      for (const method of ['GET', 'POST'])
        check(listed(answer.headers.get('access-control-allow-methods'), method), `the preflight must allow ${method}`);
      for (const header of ['content-type', 'idempotency-key'])
        check(
          listed(answer.headers.get('access-control-allow-headers'), header),
          `the preflight must allow the header ${header}`,
        );
      const allowsAuthorization = listed(answer.headers.get('access-control-allow-headers'), 'authorization');
      if (ctx.options.auth.mode !== 'development')
        check(
          allowsAuthorization,
          'the preflight must allow the header authorization: browsers send player and bill tokens in it (§2)',
        );
      else if (!allowsAuthorization)
        ctx.note(
          'the preflight does not allow Authorization: fine in development mode, but a server with credentials must',
        );
    },
  },
  {
    id: 'cors-success-answers',
    title: 'successful answers (keys, create, read, held wait) carry the CORS headers and Cache-Control: no-store',
    section: 'preamble: CORS',
    async run(ctx) {
      expectCors(ctx, await ctx.http.call('/v1/keys'), 'GET /v1/keys');
      const created = await ctx.bills.create(ctx.bills.body());
      expectCors(ctx, created, 'POST /v1/bills (201)');
      const id = created.body?.bill?.id;
      expectCors(ctx, await ctx.http.call(`/v1/bills/${id}`), 'GET /v1/bills/:id');
      expectCors(ctx, await ctx.bills.result(id, 0), 'GET /v1/bills/:id/result');
    },
  },
  {
    id: 'cors-error-answers',
    title:
      'error answers (404, 400, 409, 413 and, with credentials, 401) carry the same CORS headers and Cache-Control: no-store',
    section: 'preamble: CORS, §6 Errors',
    async run(ctx) {
      expectCors(ctx, await ctx.http.call('/v1/bills/b_no-such-bill-0000'), '404 BILL_NOT_FOUND');
      expectCors(ctx, await ctx.http.call('/v1/no-such-endpoint'), '404 NOT_FOUND');
      expectCors(ctx, await ctx.bills.create(ctx.bills.body({ amount: -1 })), '400 INVALID_FIELD');
      const { bill } = await ctx.bills.open();
      expectCors(ctx, await ctx.http.call(`/v1/bills/${bill.id}/deliver`, { json: {} }), '409 INVALID_TRANSITION');
      expectCors(ctx, await ctx.bills.create({ pad: 'x'.repeat(70_000) }), '413 BODY_TOO_LARGE');
      if (ctx.options.auth.mode !== 'development')
        expectCors(ctx, await ctx.http.call(`/v1/bills/${bill.id}`, { credential: null }), '401 UNAUTHENTICATED');
    },
  },
];
