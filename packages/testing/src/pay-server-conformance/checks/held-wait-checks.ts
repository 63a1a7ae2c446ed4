import { NONCE } from '@coinslot/protocol';
import { check, checkEqual } from '../check-failure.js';
import type { CheckContext, PayServerCheck } from '../check-context.js';
import { expectError, expectStatus } from '../expect-answer.js';
import { sleep } from '../random-token.js';

const WAITS_ON_ONE_BILL = 5;
/** How long a held wait may take to answer once the bill settled. */
const WAKE_MS = 1_500;

/** Approves `bill` as the sandbox's server after `delayMs`. */
async function approveLater(
  ctx: CheckContext,
  bill: { id: string; amount: number; currency: string },
  delayMs: number,
) {
  await sleep(delayMs);
  const answer = await ctx.sandbox.notify({
    billId: bill.id,
    decision: 'approve',
    amount: bill.amount,
    currency: bill.currency,
    issuedAt: Date.now(),
  });
  expectStatus(answer, 200, 'an approve notification during a held wait');
}

export const heldWaitChecks: PayServerCheck[] = [
  {
    id: 'wait-holds-then-pending',
    title:
      'a wait on an open bill is held, then answers 200 with state created, settled false and a signed result (pending)',
    section: '§3 Held waits',
    async run(ctx) {
      const { bill } = await ctx.bills.open();
      const answer = await ctx.bills.result(bill.id, 1);
      expectStatus(answer, 200, 'a 1 s wait on an open bill');
      check(answer.ms >= 800, `wait=1 on an open bill answered after ${Math.round(answer.ms)} ms: it was not held`);
      checkEqual(
        [answer.body?.state, answer.body?.settled],
        ['created', false],
        'state and settled when the hold ends',
      );
      check(
        typeof answer.body?.result === 'string' && answer.body.result.split('.').length === 3,
        'the pending answer must carry a signed result',
      );
    },
  },
  {
    id: 'wait-pending-unsigned',
    title:
      'with pending=unsigned, "still pending" may come without a signed result, and every settled answer is signed',
    section: '§3 Held waits',
    async run(ctx) {
      const { bill } = await ctx.bills.open();
      const open = await ctx.bills.result(bill.id, 1, undefined, 'pending=unsigned');
      expectStatus(open, 200, 'a 1 s wait with pending=unsigned on an open bill');
      checkEqual([open.body?.state, open.body?.settled], ['created', false], 'state and settled when the hold ends');
      // A server that predates the option signs it anyway; one that leaves the result out sends nothing else.
      if (open.body?.result === undefined)
        checkEqual(open.body, { state: 'created', settled: false }, 'the unsigned "still pending" answer');
      else check(String(open.body.result).split('.').length === 3, 'a pending answer with a result must sign it');
      const { bill: paid } = await ctx.bills.inState('paid');
      const settled = await ctx.bills.result(paid.id, 1, undefined, 'pending=unsigned');
      expectStatus(settled, 200, 'a wait with pending=unsigned on a paid bill');
      checkEqual(settled.body?.state, 'paid', 'the state of a paid bill');
      check(
        typeof settled.body?.result === 'string' && settled.body.result.split('.').length === 3,
        'a settled answer must carry a signed result, pending=unsigned or not',
      );
    },
  },
  {
    id: 'wait-wakes-on-notification',
    title: 'a held wait answers as soon as a notification settles the bill',
    section: '§3 Held waits',
    async run(ctx) {
      const { bill } = await ctx.bills.open();
      const [answer] = await Promise.all([ctx.bills.result(bill.id, 20), approveLater(ctx, bill, 300)]);
      expectStatus(answer, 200, 'a held wait woken by a notification');
      checkEqual(answer.body?.state, 'paid', 'the state the woken wait answered');
      check(
        answer.ms < 300 + WAKE_MS,
        `the wait answered ${Math.round(answer.ms)} ms after it was sent, more than ${WAKE_MS} ms after the notification`,
      );
    },
  },
  {
    id: 'wait-many-on-one-bill',
    title: `${WAITS_ON_ONE_BILL} waits held on one bill are all answered, each with its own nonce`,
    section: '§3 Held waits',
    async run(ctx) {
      const { bill } = await ctx.bills.open();
      const waits = Array.from({ length: WAITS_ON_ONE_BILL }, () => ctx.bills.result(bill.id, 20));
      const [answers] = await Promise.all([Promise.all(waits), approveLater(ctx, bill, 300)]);
      for (const answer of answers) {
        expectStatus(answer, 200, 'one of several waits on one bill');
        checkEqual(answer.body?.state, 'paid', 'the state each wait answered');
        check(answer.ms < 300 + WAKE_MS, `one of the waits answered only after ${Math.round(answer.ms)} ms`);
        const payload = JSON.parse(
          Buffer.from(String(answer.body.result).split('.')[1] ?? '', 'base64url').toString('utf8'),
        );
        checkEqual(payload.nonce, answer.nonce, 'the nonce each wait’s result echoes');
      }
    },
  },
  {
    id: 'wait-result-before-wait',
    title: 'a result stored before the wait is answered at once',
    section: '§3 Held waits',
    async run(ctx) {
      const { bill } = await ctx.bills.inState('paid');
      const answer = await ctx.bills.result(bill.id, 20);
      expectStatus(answer, 200, 'a wait on a paid bill');
      checkEqual(
        [answer.body?.state, answer.body?.settled],
        ['paid', true],
        'state and settled of a wait on a paid bill',
      );
      check(answer.ms < WAKE_MS, `a wait on an already paid bill took ${Math.round(answer.ms)} ms`);
    },
  },
  {
    id: 'wait-zero',
    title: 'wait=0, no wait, and wait=0.5 are accepted; wait=0 and no wait answer at once',
    section: '§2 GET /v1/bills/:id/result, §3',
    async run(ctx) {
      const { bill } = await ctx.bills.open();
      for (const wait of [0, undefined]) {
        const answer = await ctx.bills.result(bill.id, wait);
        expectStatus(answer, 200, `a wait with wait=${String(wait)}`);
        checkEqual(answer.body?.state, 'created', `the state with wait=${String(wait)}`);
        check(answer.ms < 700, `wait=${String(wait)} took ${Math.round(answer.ms)} ms; it must answer at once`);
      }
      expectStatus(await ctx.bills.result(bill.id, 0.5), 200, 'a wait with wait=0.5');
    },
  },
  {
    id: 'wait-bad-parameters',
    title:
      'a bad wait or nonce answers 400 INVALID_FIELD naming it; no nonce answers 400 MISSING_FIELD; an unknown bill 404',
    section: '§2 GET /v1/bills/:id/result',
    async run(ctx) {
      const { bill } = await ctx.bills.open();
      for (const wait of ['-1', 'abc']) {
        expectError(
          await ctx.http.call(`/v1/bills/${bill.id}/result?wait=${wait}&nonce=${'n'.repeat(20)}`),
          'INVALID_FIELD',
          `wait=${wait}`,
          { field: 'wait' },
        );
      }
      for (const nonce of ['short', 'has*star-in-it-0123456']) {
        check(!NONCE.test(nonce), `the suite's example of a bad nonce ${nonce} is valid`);
        expectError(await ctx.bills.result(bill.id, 0, nonce), 'INVALID_FIELD', `nonce=${nonce}`, { field: 'nonce' });
      }
      expectError(await ctx.http.call(`/v1/bills/${bill.id}/result?wait=0`), 'MISSING_FIELD', 'a wait without nonce', {
        field: 'nonce',
      });
      expectError(await ctx.bills.result('b_no-such-bill-0000', 0), 'BILL_NOT_FOUND', 'a wait on an unknown bill');
    },
  },
];
