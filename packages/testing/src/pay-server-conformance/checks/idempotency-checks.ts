import { IDEMPOTENCY_KEY, SERVER_ERRORS } from '@coinslot/protocol';
import { check, checkEqual, show } from '../check-failure.js';
import type { PayServerCheck } from '../check-context.js';
import { expectError, expectStatus } from '../expect-answer.js';
import { randomToken } from '../random-token.js';

const CONCURRENT_CREATES = 8;

export const idempotencyChecks: PayServerCheck[] = [
  {
    id: 'idempotent-replay',
    title:
      'a replay (same key, same body, even with its keys reordered) answers 200 with the same bill, launch payload and current state',
    section: '§5 Idempotent creation',
    async run(ctx) {
      const first = await ctx.bills.open({ passThrough: 'replay' });
      const replay = await ctx.bills.create(first.body, first.key);
      expectStatus(replay, 200, 'a replay of the create');
      checkEqual(replay.body?.bill?.id, first.bill.id, 'the replay’s bill id');
      checkEqual(replay.body?.launch, first.launch, 'the replay’s launch payload');
      const reordered = Object.fromEntries(Object.entries(first.body).reverse());
      const again = await ctx.bills.create(reordered, first.key);
      expectStatus(again, 200, 'a replay with the body’s keys in another order');
      checkEqual(again.body?.bill?.id, first.bill.id, 'the reordered replay’s bill id');
      expectStatus(
        await ctx.sandbox.notify({ ...ctx.sandbox.statement(first.bill, 'approve') }),
        200,
        'an approve notification',
      );
      const paid = await ctx.bills.create(first.body, first.key);
      expectStatus(paid, 200, 'a replay after the bill was paid');
      checkEqual(
        [paid.body?.bill?.id, paid.body?.bill?.state],
        [first.bill.id, 'paid'],
        'the replay’s bill and its current state',
      );
    },
  },
  {
    id: 'idempotency-key-reused',
    title: 'the same key with another body answers 422 IDEMPOTENCY_KEY_REUSED and creates nothing',
    section: '§5 Idempotent creation',
    async run(ctx) {
      const first = await ctx.bills.open();
      const reused = await ctx.bills.create({ ...first.body, passThrough: 'another-order' }, first.key);
      expectError(reused, 'IDEMPOTENCY_KEY_REUSED', 'a create reusing a key with another passThrough');
      const listed = await ctx.http.call(`/v1/bills?user=${encodeURIComponent(first.bill.userId)}&state=created`);
      expectStatus(listed, 200, 'GET /v1/bills?state=created');
      checkEqual(
        listed.body?.bills?.map((bill: { id: string }) => bill.id),
        [first.bill.id],
        'the user’s open bills after the reuse',
      );
    },
  },
  {
    id: 'idempotency-key-scope',
    title: 'keys are scoped per userId: the same key for another user creates another bill',
    section: '§5 Idempotent creation',
    async run(ctx) {
      const first = await ctx.bills.open();
      const other = await ctx.bills.create({ ...first.body, userId: `${first.body.userId}-other` }, first.key);
      expectStatus(other, 201, 'the same key for another user');
      check(
        other.body?.bill?.id !== first.bill.id,
        'another user’s create with the same key answered the first user’s bill',
      );
    },
  },
  {
    id: 'idempotency-in-flight',
    title: `${CONCURRENT_CREATES} concurrent identical creates make one bill: one 201, the rest 200 with it or 409 IDEMPOTENCY_KEY_IN_USE (retryable)`,
    section: '§5 Idempotent creation',
    async run(ctx) {
      const body = ctx.bills.body();
      const key = randomToken();
      const answers = await Promise.all(Array.from({ length: CONCURRENT_CREATES }, () => ctx.bills.create(body, key)));
      const created = answers.filter((answer) => answer.status === 201);
      checkEqual(created.length, 1, `how many of ${CONCURRENT_CREATES} concurrent identical creates answered 201`);
      const id = created[0]!.body?.bill?.id;
      let inUse = 0;
      for (const answer of answers) {
        if (answer.status === 201) continue;
        if (answer.status === SERVER_ERRORS.IDEMPOTENCY_KEY_IN_USE.status) {
          expectError(answer, 'IDEMPOTENCY_KEY_IN_USE', 'a create while the first with its key is in flight');
          inUse += 1;
          continue;
        }
        expectStatus(answer, 200, 'a concurrent identical create');
        check(
          answer.body?.bill?.id === id,
          `a concurrent replay answered another bill: ${show(answer.body?.bill?.id)} vs ${show(id)}`,
        );
      }
      if (inUse === 0)
        ctx.note('no 409 IDEMPOTENCY_KEY_IN_USE was provoked: every concurrent create found the first one finished');
    },
  },
  {
    id: 'missing-idempotency-key',
    title: 'a create without a valid Idempotency-Key answers 400 MISSING_IDEMPOTENCY_KEY',
    section: '§2 POST /v1/bills, §5',
    async run(ctx) {
      const body = ctx.bills.body();
      expectError(await ctx.bills.create(body, null), 'MISSING_IDEMPOTENCY_KEY', 'a create without Idempotency-Key');
      for (const bad of ['short', 'has space here', 'k'.repeat(200)]) {
        check(!IDEMPOTENCY_KEY.test(bad), `the suite's example of a bad key ${bad} is valid`);
        expectError(
          await ctx.bills.create(body, bad),
          'MISSING_IDEMPOTENCY_KEY',
          `a create with the invalid key ${show(bad.slice(0, 20))}`,
        );
      }
    },
  },
];
