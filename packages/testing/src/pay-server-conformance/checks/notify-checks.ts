import { check, checkEqual } from '../check-failure.js';
import type { PayServerCheck } from '../check-context.js';
import { expectError, expectStatus } from '../expect-answer.js';

export const notifyChecks: PayServerCheck[] = [
  {
    id: 'notify-refusals',
    title:
      'POST /v1/notify/:channel refuses unverified, malformed, mismatched and foreign notifications without a change',
    section: '§2 POST /v1/notify/:channel, §7',
    async run(ctx) {
      const { bill } = await ctx.bills.open();
      const approve = ctx.sandbox.statement(bill, 'approve');
      const refused: Array<[string, ReturnType<typeof ctx.sandbox.notify>]> = [
        ['no X-Sandbox-Signature', ctx.sandbox.notify(approve, { signature: null })],
        ['a wrong signature', ctx.sandbox.notify(approve, { signature: 'ab'.repeat(32) })],
        ['a body that is not JSON (signed)', ctx.sandbox.notify('{not json')],
        ['an unknown member (signed)', ctx.sandbox.notify({ ...approve, bonus: 1 })],
        ['an unknown decision (signed)', ctx.sandbox.notify({ ...approve, decision: 'reverse' })],
        ['another amount (signed)', ctx.sandbox.notify({ ...approve, amount: bill.amount + 1 })],
        [
          'another currency (signed)',
          ctx.sandbox.notify({ ...approve, currency: bill.currency === 'EUR' ? 'USD' : 'EUR' }),
        ],
      ];
      for (const [what, answer] of refused)
        expectError(await answer, 'INVALID_NOTIFICATION', `a sandbox notification with ${what}`);
      checkEqual((await ctx.bills.read(bill.id)).state, 'created', 'the state after refused notifications');
      const unknown = ctx.sandbox.notify({ ...approve, billId: 'b_no-such-bill-0000' });
      expectError(await unknown, 'BILL_NOT_FOUND', 'a signed notification for an unknown bill');
      const noDriver = await ctx.http.call('/v1/notify/no-such-channel', { json: {} });
      expectError(noDriver, 'UNKNOWN_CHANNEL', 'a notification for a channel without a driver');
    },
  },
  {
    id: 'notify-body-belongs-to-channel',
    title: 'a verified notification is applied whatever its Content-Type (no 415: the body is the channel’s)',
    section: '§2 body rules',
    async run(ctx) {
      const { bill } = await ctx.bills.open();
      const answer = await ctx.sandbox.notify(ctx.sandbox.statement(bill, 'approve'), { contentType: 'text/plain' });
      expectStatus(answer, 200, 'a signed sandbox notification sent as text/plain');
      checkEqual((await ctx.bills.read(bill.id)).state, 'paid', 'the state after that notification');
    },
  },
  {
    id: 'sandbox-checkout',
    title:
      'the sandbox checkout: absolute launch URLs, the page, the token, client-mode proofs that change nothing, server-mode decisions',
    section: '§2 launch payload, §7 sandbox',
    async run(ctx) {
      const { bill, launch } = await ctx.bills.open();
      for (const name of ['checkoutUrl', 'decideUrl']) {
        const value = launch[name];
        let url: URL | undefined;
        try {
          url = new URL(String(value));
        } catch {
          url = undefined;
        }
        check(
          url && (url.protocol === 'http:' || url.protocol === 'https:') && url.host !== '',
          `launch.${name} must be an absolute http(s) URL, got ${String(value)}`,
        );
      }
      const page = await ctx.http.call(String(launch.checkoutUrl));
      expectStatus(page, 200, 'GET launch.checkoutUrl');
      check(/^text\/html\b/i.test(page.headers.get('content-type') ?? ''), 'the checkout page must be text/html');
      const wrong = new URL(String(launch.decideUrl));
      wrong.searchParams.set('token', 'not-the-token');
      expectError(
        await ctx.http.call(wrong.href, { json: { decision: 'approve' } }),
        'INVALID_FIELD',
        'a decide with a wrong token',
        { field: 'token' },
      );
      const client = await ctx.http.call(String(launch.decideUrl), { json: { decision: 'approve', mode: 'client' } });
      expectStatus(client, 200, 'a client-mode decide');
      const { signature, ...statement } = client.body?.proof ?? {};
      check(
        typeof signature === 'string' && ctx.sandbox.isProofSignature(statement, signature),
        'the client-mode proof must be signed with the sandbox secret over the proof text of §7',
      );
      checkEqual(statement.billId, bill.id, 'the proof’s billId');
      checkEqual(
        (await ctx.bills.read(bill.id)).state,
        'created',
        'the state after issuing a proof (it changes nothing)',
      );
      const decided = await ctx.http.call(String(launch.decideUrl), { json: { decision: 'decline' } });
      expectStatus(decided, 200, 'a server-mode decline');
      const failed = await ctx.bills.read(bill.id);
      checkEqual(
        [failed.state, failed.failureReason],
        ['failed', 'declined'],
        'state and failureReason after a decline',
      );
      const late = await ctx.http.call(String(launch.decideUrl), { json: { decision: 'approve' } });
      expectError(late, 'INVALID_TRANSITION', 'an approve decision on a failed bill', { state: 'failed' });
    },
  },
];
