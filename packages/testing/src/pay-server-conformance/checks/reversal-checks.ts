import type { Bill } from '@coinslot/protocol';
import type { CheckContext, PayServerCheck } from '../check-context.js';
import { checkEqual } from '../check-failure.js';
import { expectError, expectStatus } from '../expect-answer.js';

// Reversals are part of protocol v1 (§1 "Reversals"): every server must apply the sandbox's signed refund and
// chargeback notifications (§7), so these checks are required, like the rest of the state machine. Only the
// sandbox's development routes (…/refund, …/chargeback) are optional: `sandbox-reversal-routes` passes with a note
// when a server does not offer them.

/** A signed refund notification naming the running total `refundedAmount`. */
const refund = (ctx: CheckContext, bill: Bill, refundedAmount: number) =>
  ctx.sandbox.notify(ctx.sandbox.reversal(bill, 'refund', refundedAmount));

/** A signed chargeback notification. */
const chargeback = (ctx: CheckContext, bill: Bill) => ctx.sandbox.notify(ctx.sandbox.reversal(bill, 'chargeback'));

/** The sandbox's development route `name` of a bill: its checkout URL (with the token) plus `/<name>` (§7). */
function reversalRoute(launch: Record<string, unknown>, name: 'refund' | 'chargeback'): string {
  const url = new URL(String(launch.checkoutUrl));
  url.pathname += `/${name}`;
  return url.href;
}

/** What a repeat must leave as it was. */
const shown = (bill: Bill) => ({ state: bill.state, refundedAmount: bill.refundedAmount, updatedAt: bill.updatedAt });

export const reversalChecks: PayServerCheck[] = [
  {
    id: 'reversal-refunds',
    title:
      'a refund notification moves a paid bill to refunded with refundedAmount; a larger running total raises it, an equal or smaller one is a repeat',
    section: '§1 Reversals, §7 sandbox',
    async run(ctx) {
      const { bill } = await ctx.bills.inState('paid');
      expectStatus(await refund(ctx, bill, 100), 200, 'a refund notification of 100 on a paid bill');
      const refunded = await ctx.bills.read(bill.id);
      checkEqual([refunded.state, refunded.refundedAmount], ['refunded', 100], 'state and refundedAmount after it');
      for (const total of [100, 50]) {
        expectStatus(await refund(ctx, bill, total), 200, `a refund notification of ${total} after one of 100`);
        checkEqual(
          shown(await ctx.bills.read(bill.id)),
          shown(refunded),
          `the bill after a refund of ${total} (a repeat)`,
        );
      }
      expectStatus(await refund(ctx, bill, 300), 200, 'a refund notification of 300 after one of 100');
      const raised = await ctx.bills.read(bill.id);
      checkEqual([raised.state, raised.refundedAmount], ['refunded', 300], 'state and refundedAmount after it');
    },
  },
  {
    id: 'reversal-chargebacks',
    title:
      'a chargeback notification moves a refunded bill to charged_back, which is final: a repeat and a later refund answer 200 without a change',
    section: '§1 Reversals',
    async run(ctx) {
      const { bill } = await ctx.bills.inState('refunded');
      expectStatus(await chargeback(ctx, bill), 200, 'a chargeback notification on a refunded bill');
      const chargedBack = await ctx.bills.read(bill.id);
      checkEqual(chargedBack.state, 'charged_back', 'the state after it');
      expectStatus(await chargeback(ctx, bill), 200, 'a repeated chargeback notification');
      expectStatus(await refund(ctx, bill, bill.amount), 200, 'a refund notification on a charged_back bill');
      checkEqual(shown(await ctx.bills.read(bill.id)), shown(chargedBack), 'the charged_back bill after both');
    },
  },
  {
    id: 'reversal-before-payment',
    title:
      'a refund notified before its payment answers 409 INVALID_TRANSITION and changes nothing; retried after the payment, it applies',
    section: '§1 Reversals, §2 POST /v1/notify/:channel',
    async run(ctx) {
      const { bill } = await ctx.bills.open();
      const early = await refund(ctx, bill, 200);
      expectError(early, 'INVALID_TRANSITION', 'a refund notification on a created bill', { state: 'created' });
      checkEqual(shown(await ctx.bills.read(bill.id)), shown(bill), 'the bill after it');
      expectStatus(await ctx.sandbox.notify(ctx.sandbox.statement(bill, 'approve')), 200, 'the payment’s notification');
      expectStatus(await refund(ctx, bill, 200), 200, 'the refund notification, retried');
      const refunded = await ctx.bills.read(bill.id);
      checkEqual([refunded.state, refunded.refundedAmount], ['refunded', 200], 'state and refundedAmount after it');
    },
  },
  {
    id: 'reversal-refusals',
    title:
      'a refund without refundedAmount, or with one outside 1–amount, and a chargeback naming one answer 400 INVALID_NOTIFICATION without a change',
    section: '§1 Reversals, §7 sandbox',
    async run(ctx) {
      const { bill } = await ctx.bills.inState('paid');
      const { refundedAmount: _, ...noTotal } = ctx.sandbox.reversal(bill, 'refund');
      const refused: Array<[string, object]> = [
        ['no refundedAmount', noTotal],
        ['refundedAmount 0', ctx.sandbox.reversal(bill, 'refund', 0)],
        ['refundedAmount above the amount', ctx.sandbox.reversal(bill, 'refund', bill.amount + 1)],
        ['a fractional refundedAmount', ctx.sandbox.reversal(bill, 'refund', 1.5)],
        ['a chargeback with refundedAmount', { ...ctx.sandbox.reversal(bill, 'chargeback'), refundedAmount: 1 }],
      ];
      for (const [what, body] of refused)
        expectError(await ctx.sandbox.notify(body), 'INVALID_NOTIFICATION', `a signed reversal with ${what}`);
      checkEqual(shown(await ctx.bills.read(bill.id)), shown(bill), 'the paid bill after refused reversals');
    },
  },
  {
    id: 'sandbox-reversal-routes',
    title:
      'the sandbox’s development routes …/refund (a part, or what is left) and …/chargeback reverse a paid bill through the notify path (optional)',
    section: '§7 sandbox',
    async run(ctx) {
      const { bill, launch } = await ctx.bills.inState('paid');
      const route = (name: 'refund' | 'chargeback') => reversalRoute(launch, name);
      const first = await ctx.http.call(route('refund'), { json: { amount: 100 } });
      if (first.status === 404 && first.body?.error?.code === 'NOT_FOUND') {
        ctx.note(
          'the server offers no sandbox refund route (optional, §7); its reversals were checked by notifications',
        );
        return;
      }
      expectStatus(first, 200, 'a refund of 100 through the sandbox route');
      checkEqual((await ctx.bills.read(bill.id)).refundedAmount, 100, 'refundedAmount after it');
      expectStatus(await ctx.http.call(route('refund'), { json: {} }), 200, 'a refund of what is left');
      checkEqual((await ctx.bills.read(bill.id)).refundedAmount, bill.amount, 'refundedAmount after it');
      const more = await ctx.http.call(route('refund'), { json: {} });
      expectError(more, 'INVALID_TRANSITION', 'a refund of a fully refunded bill', { state: 'refunded' });
      expectStatus(await ctx.http.call(route('chargeback'), { json: {} }), 200, 'a chargeback through the route');
      checkEqual((await ctx.bills.read(bill.id)).state, 'charged_back', 'the state after it');
      const open = await ctx.bills.open();
      const early = await ctx.http.call(reversalRoute(open.launch, 'chargeback'), { json: {} });
      expectError(early, 'INVALID_TRANSITION', 'a chargeback of a created bill', { state: 'created' });
    },
  },
];
