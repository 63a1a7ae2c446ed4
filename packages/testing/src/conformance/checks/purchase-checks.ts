import type { ConformanceCheck } from '../check-context.js';
import { ConformanceFailure } from '../conformance-failure.js';
import { expectStatus, runPurchase, serverBill, type PurchaseRun } from '../purchase-run.js';

const APPROVE_HINT =
  'Check that drive.approve (or channelOptions for "approve") makes the checkout approve, and that pay() resolves once the channel launched.';

function expectOnePay(check: ConformanceCheck['id'], run: PurchaseRun): void {
  if (run.pays.length !== 1)
    throw new ConformanceFailure(check, `core called pay() ${run.pays.length} times for one purchase`);
}

/** Fail unless a settled approval resolved the outcome its result source promises. */
function expectApprovalOutcome(check: ConformanceCheck['id'], run: PurchaseRun): void {
  const expected = run.adapter.resultSource === 'client' ? 'proof' : 'launched';
  const outcome = run.pays[0]?.outcome;
  if (outcome?.kind !== expected) {
    throw new ConformanceFailure(
      check,
      `pay() resolved ${JSON.stringify(outcome)} for an approved payment; a "${run.adapter.resultSource}" result source resolves { kind: '${expected}' }.`,
    );
  }
}

async function expectServerState(
  check: ConformanceCheck['id'],
  ctx: Parameters<ConformanceCheck['run']>[0],
  run: PurchaseRun,
  state: string,
): Promise<void> {
  const bill = await serverBill(ctx, run.result!.bill.id);
  if (bill.state !== state)
    throw new ConformanceFailure(check, `the pay server has the bill in state "${bill.state}", expected "${state}"`);
}

/** Real purchases through core: each decision ends the purchase the way the player chose. */
export const purchaseChecks: ConformanceCheck[] = [
  {
    id: 'approve',
    title: 'an approved checkout ends the purchase paid, with one pay() call, and the bill can be delivered',
    async run(ctx) {
      const run = await runPurchase(ctx, 'approve', 'approve');
      const { bill } = expectStatus('approve', run, 'paid', APPROVE_HINT);
      expectOnePay('approve', run);
      expectApprovalOutcome('approve', run);
      await expectServerState('approve', ctx, run, 'paid');
      const delivered = await run.coinslot.deliver(bill.id);
      if (delivered.alreadyDelivered || delivered.bill.state !== 'delivered')
        throw new ConformanceFailure('approve', 'deliver() did not move the paid bill to delivered');
    },
  },
  {
    id: 'decline',
    title: 'a declined checkout ends the purchase declined and the bill failed',
    async run(ctx) {
      const run = await runPurchase(ctx, 'decline', 'decline');
      expectStatus(
        'decline',
        run,
        'declined',
        'Check that drive.decline (or channelOptions for "decline") makes the checkout decline.',
      );
      expectOnePay('decline', run);
      await expectServerState('decline', ctx, run, 'failed');
    },
  },
  {
    id: 'cancel',
    title: 'a cancelled checkout ends the purchase cancelled and the bill cancelled',
    async run(ctx) {
      const run = await runPurchase(ctx, 'cancel', 'cancel');
      expectStatus(
        'cancel',
        run,
        'cancelled',
        'When the player closes the checkout, pay() resolves { kind: "cancelled" } (or the channel\'s server reports the cancellation).',
      );
      expectOnePay('cancel', run);
      await expectServerState('cancel', ctx, run, 'cancelled');
    },
  },
  {
    id: 'slow-result',
    title: 'a result that arrives late still ends the purchase paid, without a cancel or a second pay()',
    async run(ctx) {
      const { slowMs } = ctx.options.timing;
      const run = await runPurchase(ctx, 'slow-result', 'slow');
      expectStatus(
        'slow-result',
        run,
        'paid',
        'The adapter must not give up, cancel or time out while the pay server has not answered yet.',
      );
      expectOnePay('slow-result', run);
      const took = run.endedAt - run.startedAt;
      if (took < slowMs * 0.9)
        throw new ConformanceFailure(
          'slow-result',
          `the purchase ended after ${took} ms, before the slow result (${slowMs} ms) could arrive`,
        );
      const cancels = run.requests.filter((request) => request.method === 'POST' && request.path.endsWith('/cancel'));
      if (cancels.length > 0)
        throw new ConformanceFailure(
          'slow-result',
          'core was asked to cancel the bill while its result was on its way',
        );
    },
  },
  {
    id: 'duplicate-result',
    title: 'an approval delivered twice gives one paid outcome: one bill, one bill-paid event, one delivery',
    async run(ctx) {
      const run = await runPurchase(ctx, 'duplicate-result', 'duplicate');
      const { bill } = expectStatus('duplicate-result', run, 'paid', APPROVE_HINT);
      expectOnePay('duplicate-result', run);
      const creates = run.requests.filter(
        (request) => request.method === 'POST' && request.path === '/v1/bills',
      ).length;
      if (creates !== 1)
        throw new ConformanceFailure('duplicate-result', `core created ${creates} bills for one purchase`);
      if (run.paidEvents !== 1)
        throw new ConformanceFailure(
          'duplicate-result',
          `core emitted bill-paid ${run.paidEvents} times for one purchase`,
        );
      const first = await run.coinslot.deliver(bill.id);
      const second = await run.coinslot.deliver(bill.id);
      if (first.alreadyDelivered || !second.alreadyDelivered)
        throw new ConformanceFailure(
          'duplicate-result',
          'the second deliver() of the same bill was not answered alreadyDelivered',
        );
    },
  },
];
