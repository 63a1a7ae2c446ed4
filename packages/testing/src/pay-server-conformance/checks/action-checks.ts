import { CANCEL_REASONS } from '@coinslot/protocol';
import { check, checkEqual, show } from '../check-failure.js';
import type { PayServerCheck } from '../check-context.js';
import { expectError, expectStatus } from '../expect-answer.js';

export const actionChecks: PayServerCheck[] = [
  {
    id: 'cancel-bill',
    title:
      'POST /v1/bills/:id/cancel accepts every reason the SDK sends, {} and an empty JSON body (an empty body without application/json is 415); a repeat answers 200',
    section: '§2 POST /v1/bills/:id/cancel',
    async run(ctx) {
      const bodies: Array<[string, { json?: unknown; headers?: Record<string, string> }]> = [
        ...CANCEL_REASONS.map((reason): [string, { json: unknown }] => [`reason ${reason}`, { json: { reason } }]),
        ['{}', { json: {} }],
        ['an empty body', { headers: { 'content-type': 'application/json' } }],
      ];
      for (const [what, init] of bodies) {
        const { bill } = await ctx.bills.open();
        const answer = await ctx.http.call(`/v1/bills/${bill.id}/cancel`, { method: 'POST', ...init });
        expectStatus(answer, 200, `cancel with ${what}`);
        checkEqual(answer.body?.bill?.state, 'cancelled', `the bill answered by a cancel with ${what}`);
        const again = await ctx.http.call(`/v1/bills/${bill.id}/cancel`, { json: {} });
        expectStatus(again, 200, `a repeated cancel (${what})`);
        checkEqual(again.body?.bill?.state, 'cancelled', 'the bill answered by a repeated cancel');
      }
      const { bill } = await ctx.bills.open();
      const untyped = await ctx.http.call(`/v1/bills/${bill.id}/cancel`, { method: 'POST' });
      expectError(
        untyped,
        'UNSUPPORTED_MEDIA_TYPE',
        'cancel with an empty body and no Content-Type (sendable cross-site without a preflight)',
      );
      const long = await ctx.http.call(`/v1/bills/${bill.id}/cancel`, { json: { reason: 'x'.repeat(65) } });
      expectError(long, 'INVALID_FIELD', 'cancel with a 65-character reason', { field: 'reason' });
      expectError(
        await ctx.http.call('/v1/bills/b_no-such-bill-0000/cancel', { json: {} }),
        'BILL_NOT_FOUND',
        'cancel of an unknown bill',
      );
    },
  },
  {
    id: 'deliver-bill',
    title:
      'POST /v1/bills/:id/deliver moves paid → delivered once; a repeat answers alreadyDelivered and deliveredAt never moves',
    section: '§2 POST /v1/bills/:id/deliver',
    async run(ctx) {
      const { bill } = await ctx.bills.inState('paid');
      const first = await ctx.http.call(`/v1/bills/${bill.id}/deliver`, { json: {} });
      expectStatus(first, 200, 'the first deliver');
      checkEqual(first.body?.alreadyDelivered, false, 'alreadyDelivered of the first deliver');
      checkEqual(first.body?.bill?.state, 'delivered', 'the state after deliver');
      const deliveredAt = first.body.bill.deliveredAt;
      check(Number.isSafeInteger(deliveredAt), `deliveredAt must be set, got ${show(first.body.bill)}`);
      const again = await ctx.http.call(`/v1/bills/${bill.id}/deliver`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
      });
      expectStatus(again, 200, 'a repeated deliver (empty JSON body)');
      checkEqual(again.body?.alreadyDelivered, true, 'alreadyDelivered of a repeated deliver');
      checkEqual(again.body?.bill?.deliveredAt, deliveredAt, 'deliveredAt after a repeated deliver');
      expectError(
        await ctx.http.call('/v1/bills/b_no-such-bill-0000/deliver', { json: {} }),
        'BILL_NOT_FOUND',
        'deliver of an unknown bill',
      );
    },
  },
  {
    id: 'report-proof',
    title:
      'POST /v1/bills/:id/report applies a verified sandbox proof, refuses a forged or foreign one, accepts a repeat',
    section: '§2 POST /v1/bills/:id/report, §7',
    async run(ctx) {
      const { bill } = await ctx.bills.open();
      const other = await ctx.bills.open();
      const forged = { ...ctx.sandbox.proof(ctx.sandbox.statement(bill, 'approve')), signature: '00'.repeat(32) };
      expectError(
        await ctx.http.call(`/v1/bills/${bill.id}/report`, { json: { proof: forged } }),
        'INVALID_PROOF',
        'a report with a forged signature',
      );
      const foreign = ctx.sandbox.proof(ctx.sandbox.statement(other.bill, 'approve'));
      expectError(
        await ctx.http.call(`/v1/bills/${bill.id}/report`, { json: { proof: foreign } }),
        'INVALID_PROOF',
        'a report of another bill’s proof',
      );
      checkEqual((await ctx.bills.read(bill.id)).state, 'created', 'the state after refused proofs');
      const proof = ctx.sandbox.proof(ctx.sandbox.statement(bill, 'approve'));
      const answer = await ctx.http.call(`/v1/bills/${bill.id}/report`, { json: { proof } });
      expectStatus(answer, 200, 'a report of a valid approve proof');
      checkEqual(answer.body?.bill?.state, 'paid', 'the bill answered by the report');
      const again = await ctx.http.call(`/v1/bills/${bill.id}/report`, { json: { proof } });
      expectStatus(again, 200, 'a repeated report');
      checkEqual(again.body?.bill?.state, 'paid', 'the bill answered by a repeated report');
      expectError(
        await ctx.http.call('/v1/bills/b_no-such-bill-0000/report', { json: { proof } }),
        'BILL_NOT_FOUND',
        'a report for an unknown bill',
      );
    },
  },
];
