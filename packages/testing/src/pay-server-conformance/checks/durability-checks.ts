import { BILL_STATES, checkSignedResult, type ResultPublicKey } from '@coinslot/protocol';
import type { CreatedBill, ReachableState } from '../bill-factory.js';
import { check, checkEqual } from '../check-failure.js';
import type { CheckContext, PayServerCheck } from '../check-context.js';
import { expectStatus } from '../expect-answer.js';

// Every state the suite can put a bill in (expired needs the server's own clock).
const STATES = BILL_STATES.filter((state): state is ReachableState => state !== 'expired');

interface BeforeRestart {
  bills: CreatedBill[];
  keys: ResultPublicKey[];
}

/** Bills in every state and the keys, then one restart shared by the durability checks. */
function restartOnce(ctx: CheckContext): Promise<BeforeRestart> {
  let before = ctx.shared.get('durability') as Promise<BeforeRestart> | undefined;
  if (before === undefined) {
    before = (async () => {
      const bills = [];
      for (const state of STATES) bills.push(await ctx.bills.inState(state));
      const keys = await ctx.keys();
      await ctx.options.restart!();
      return { bills, keys };
    })();
    ctx.shared.set('durability', before);
  }
  return before;
}

const needsRestart = ({ restart }: { restart?: unknown }) => (restart ? undefined : 'needs a restart() hook');

export const durabilityChecks: PayServerCheck[] = [
  {
    id: 'durable-bills',
    title:
      'bills in every state survive a restart unchanged (read with the bill tokens answered before it, in player-tokens mode)',
    section: '§8 Durability',
    unavailable: needsRestart,
    async run(ctx) {
      const { bills } = await restartOnce(ctx);
      for (const { bill } of bills)
        checkEqual(await ctx.bills.read(bill.id), bill, `the ${bill.state} bill read after the restart`);
    },
  },
  {
    id: 'durable-idempotency-keys',
    title: 'idempotency keys survive a restart: a replay answers the same bill, a reuse still 422',
    section: '§8 Durability, §5',
    unavailable: needsRestart,
    async run(ctx) {
      const { bills } = await restartOnce(ctx);
      for (const { bill, body, key } of bills) {
        const replay = await ctx.bills.create(body, key);
        expectStatus(replay, 200, `a replay after the restart of the create of a ${bill.state} bill`);
        checkEqual(
          [replay.body?.bill?.id, replay.body?.bill?.state],
          [bill.id, bill.state],
          'the replayed bill and its state',
        );
      }
      const [first] = bills;
      const reused = await ctx.bills.create({ ...first!.body, passThrough: 'another-order' }, first!.key);
      checkEqual(reused.body?.error?.code, 'IDEMPOTENCY_KEY_REUSED', 'a reuse of a key after the restart');
    },
  },
  {
    id: 'durable-signing-key',
    title:
      'the signing key and the sandbox secret survive a restart: results verify with the keys fetched before it, old checkout URLs work',
    section: '§8 Durability, §4',
    unavailable: needsRestart,
    async run(ctx) {
      const { bills, keys } = await restartOnce(ctx);
      const after = await ctx.keys();
      for (const key of keys)
        check(
          after.some((candidate) => candidate.kid === key.kid),
          `key ${key.kid} is no longer listed after the restart`,
        );
      const paid = bills.find(({ bill }) => bill.state === 'paid')!;
      const answer = await ctx.bills.result(paid.bill.id, 0);
      const verdict = await checkSignedResult(
        String(answer.body?.result),
        { billId: paid.bill.id, nonce: answer.nonce },
        keys,
      );
      check(
        verdict.ok,
        `a result signed after the restart does not verify with the keys from before it: ${verdict.ok ? '' : verdict.reason}`,
      );
      const open = bills.find(({ bill }) => bill.state === 'created')!;
      expectStatus(
        await ctx.http.call(String(open.launch.checkoutUrl)),
        200,
        'the sandbox checkout URL issued before the restart',
      );
    },
  },
];
