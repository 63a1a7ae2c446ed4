import { FIELD_LIMITS } from '@coinslot/protocol';
import { check, show } from '../check-failure.js';
import type { PayServerCheck } from '../check-context.js';
import { expectError, expectStatus } from '../expect-answer.js';
import { randomToken } from '../random-token.js';

type Case = [what: string, value: unknown, field: string];

/** Values just past each limit of FIELD_LIMITS, and each field's boundary value that must be accepted. */
function limitCases(catalog: boolean): { refused: Case[]; accepted: Case[] } {
  const text = (length: number) => 'x'.repeat(length);
  const extra = (bytes: number) => ({ pad: 'x'.repeat(bytes - '{"pad":""}'.length) });
  const L = FIELD_LIMITS;
  return {
    refused: [
      ['an empty userId', text(L.userId.min - 1), 'userId'],
      ['a too long userId', text(L.userId.max + 1), 'userId'],
      ['a too long itemId', text(L.itemId.max + 1), 'itemId'],
      ['quantity below the minimum', L.quantity.min - 1, 'quantity'],
      ['quantity above the maximum', L.quantity.max + 1, 'quantity'],
      ['a fractional quantity', 1.5, 'quantity'],
      ['a negative amount', L.amount.min - 1, 'amount'],
      ['amount above the maximum', L.amount.max + 1, 'amount'],
      ['a string amount', '499', 'amount'],
      ['a lower-case currency', 'usd', 'currency'],
      ['a channel id with upper case', 'Sandbox', 'channel'],
      ['a too long passThrough', text(L.passThrough.max + 1), 'passThrough'],
      ['a too long os', text(L.label.max + 1), 'os'],
      ['a too long appVersion', text(L.label.max + 1), 'appVersion'],
      ['an extra over its byte limit', extra(L.extraBytes.max + 1), 'extra'],
      ['an extra that is an array', [], 'extra'],
    ],
    accepted: [
      ['a userId at its maximum', text(L.userId.max), 'userId'],
      ['quantity at its maximum', L.quantity.max, 'quantity'],
      // With a catalog the server sets the amount: only price × quantity is accepted.
      ...(catalog ? [] : [['amount at its maximum', L.amount.max, 'amount'] as Case]),
      ['a passThrough at its maximum', text(L.passThrough.max), 'passThrough'],
      ['an extra at its byte limit', extra(L.extraBytes.max), 'extra'],
    ],
  };
}

export const errorChecks: PayServerCheck[] = [
  {
    id: 'error-routing',
    title: 'an unknown path answers 404 NOT_FOUND; a known path with another method 405 METHOD_NOT_ALLOWED with Allow',
    section: '§2, §6 Errors',
    async run(ctx) {
      expectError(await ctx.http.call('/v1/no-such-endpoint'), 'NOT_FOUND', 'GET /v1/no-such-endpoint');
      const wrong = await ctx.http.call('/v1/keys', { method: 'DELETE' });
      expectError(wrong, 'METHOD_NOT_ALLOWED', 'DELETE /v1/keys');
      check(
        /\bGET\b/.test(wrong.headers.get('allow') ?? ''),
        `405 must carry Allow listing GET, got ${show(wrong.headers.get('allow'))}`,
      );
    },
  },
  {
    id: 'error-body-rules',
    title:
      'bodies: 415 for non-JSON types, 400 INVALID_JSON, MISSING_FIELD (no userId; a player token may leave it out), UNKNOWN_FIELD and UNKNOWN_CHANNEL naming the field',
    section: '§2 body rules, §6 Errors',
    async run(ctx) {
      const body = ctx.bills.body();
      const raw = (text: string, type: string) =>
        ctx.http.call('/v1/bills', {
          method: 'POST',
          body: text,
          headers: { 'idempotency-key': randomToken(), 'content-type': type },
        });
      expectError(
        await raw(JSON.stringify(body), 'text/plain'),
        'UNSUPPORTED_MEDIA_TYPE',
        'a create sent as text/plain',
      );
      expectError(await raw('{"userId":', 'application/json'), 'INVALID_JSON', 'a create whose body is not JSON');
      expectError(await raw('[1,2]', 'application/json'), 'INVALID_JSON', 'a create whose body is a JSON array');
      const { userId: _, ...noUser } = body;
      if (ctx.options.auth.mode === 'player-tokens') {
        const created = await ctx.bills.create(noUser);
        expectStatus(created, 201, 'a create without userId with a player token');
        check(
          created.body?.bill?.userId === body.userId,
          `a create without userId must be the token's player's bill, got userId ${show(created.body?.bill?.userId)}`,
        );
      } else {
        expectError(await ctx.bills.create(noUser), 'MISSING_FIELD', 'a create without userId', { field: 'userId' });
      }
      expectError(
        await ctx.bills.create({ ...body, colour: 'red' }),
        'UNKNOWN_FIELD',
        'a create with an unknown field',
        { field: 'colour' },
      );
      expectError(
        await ctx.bills.create({ ...body, channel: 'no-such-channel' }),
        'UNKNOWN_CHANNEL',
        'a create for a channel without a driver',
      );
      const { bill } = await ctx.bills.open();
      expectError(
        await ctx.http.call(`/v1/bills/${bill.id}/deliver`, { json: { extra: 1 } }),
        'UNKNOWN_FIELD',
        'deliver with a field',
        { field: 'extra' },
      );
    },
  },
  {
    id: 'field-limits',
    title:
      'each field limit of §1: the boundary value is accepted, one past it answers 400 INVALID_FIELD naming the field',
    section: '§1 Bills, §6 Errors',
    async run(ctx) {
      const { refused, accepted } = limitCases(ctx.options.catalog);
      for (const [what, value, field] of refused) {
        expectError(
          await ctx.bills.create(ctx.bills.body({ [field]: value })),
          'INVALID_FIELD',
          `a create with ${what}`,
          { field },
        );
      }
      for (const [what, value, field] of accepted) {
        expectStatus(await ctx.bills.create(ctx.bills.body({ [field]: value })), 201, `a create with ${what}`);
      }
    },
  },
];
