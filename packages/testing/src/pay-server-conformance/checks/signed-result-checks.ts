import { checkSignedResult, decodeBase64Url, SIGNED_RESULT_MEMBERS, type Bill } from '@coinslot/protocol';
import { partialRefund } from '../bill-factory.js';
import { check, checkEqual, show } from '../check-failure.js';
import type { CheckContext, PayServerCheck } from '../check-context.js';
import { expectStatus } from '../expect-answer.js';
import { randomToken } from '../random-token.js';

const PAYLOAD_MEMBERS: readonly string[] = SIGNED_RESULT_MEMBERS;

/** The decoded parts of a wait's signed result (asserting three base64url JSON parts). */
async function signedResult(ctx: CheckContext, bill: Bill, nonce = randomToken(18)) {
  const answer = await ctx.bills.result(bill.id, 0, nonce);
  expectStatus(answer, 200, 'a wait=0 for the signed result');
  const jws = answer.body?.result;
  const parts = typeof jws === 'string' ? jws.split('.') : [];
  check(
    parts.length === 3 && parts.every((part) => part !== '' && !part.includes('=')),
    `result must be a compact JWS of three unpadded parts, got ${show(jws)}`,
  );
  const json = (part: string) => JSON.parse(new TextDecoder().decode(decodeBase64Url(part) ?? new Uint8Array()));
  return {
    jws: jws as string,
    nonce,
    header: json(parts[0]!),
    payload: json(parts[1]!),
    signature: decodeBase64Url(parts[2]!),
  };
}

export const signedResultChecks: PayServerCheck[] = [
  {
    id: 'signed-result-header',
    title: 'the protected header is exactly { alg, kid, typ: coinslot-result+jws } with a listed key of that alg',
    section: '§4 Signed results',
    async run(ctx) {
      const { bill } = await ctx.bills.open();
      const { header, signature } = await signedResult(ctx, bill);
      checkEqual(Object.keys(header).sort(), ['alg', 'kid', 'typ'], 'the header’s members');
      checkEqual(header.typ, 'coinslot-result+jws', 'the header’s typ');
      const allowed = ctx.options.algorithms ?? ['ES256', 'EdDSA'];
      check(allowed.includes(header.alg), `the header's alg ${show(header.alg)} is not one of ${allowed.join(', ')}`);
      const key = (await ctx.keys()).find((candidate) => candidate.kid === header.kid);
      check(key, `the header's kid ${show(header.kid)} is not listed by GET /v1/keys`);
      checkEqual(key.alg, header.alg, `the alg of key ${header.kid}`);
      checkEqual(signature?.length, 64, 'the signature’s length in bytes (r ‖ s for ES256, Ed25519)');
    },
  },
  {
    id: 'signed-result-payload',
    title:
      'the payload has exactly the v1 members, copied from the bill, with null failureReason, passThrough and refundedAmount when absent',
    section: '§4 Signed results',
    async run(ctx) {
      for (const created of [
        await ctx.bills.open(),
        await ctx.bills.inState('failed', { passThrough: 'order-42', quantity: 2, amount: 998 }),
        await ctx.bills.inState('refunded'),
      ]) {
        const { bill } = created;
        const { payload, header } = await signedResult(ctx, bill);
        checkEqual(
          Object.keys(payload).sort(),
          [...PAYLOAD_MEMBERS].sort(),
          'the payload’s members (null, never absent)',
        );
        for (const field of ['userId', 'itemId', 'quantity', 'amount', 'currency', 'channel', 'state'] as const) {
          checkEqual(payload[field], bill[field], `payload.${field}`);
        }
        checkEqual([payload.v, payload.billId, payload.kid], [1, bill.id, header.kid], 'payload v, billId and kid');
        checkEqual(payload.passThrough, bill.passThrough ?? null, 'payload.passThrough');
        checkEqual(payload.failureReason, bill.state === 'failed' ? 'declined' : null, 'payload.failureReason');
        const refunded = bill.state === 'refunded' ? partialRefund(bill) : null;
        checkEqual(payload.refundedAmount, refunded, 'payload.refundedAmount (the running total when refunded)');
        check(Number.isSafeInteger(payload.iat), `payload.iat must be an integer (ms), got ${show(payload.iat)}`);
      }
    },
  },
  {
    id: 'signed-result-verifies',
    title: 'every signed result verifies with a key from GET /v1/keys over the bytes received',
    section: '§4 Signed results',
    async run(ctx) {
      const keys = await ctx.keys();
      for (const state of ['created', 'paid', 'delivered', 'cancelled', 'refunded', 'charged_back'] as const) {
        const { bill } = await ctx.bills.inState(state);
        const { jws, nonce } = await signedResult(ctx, bill);
        const verdict = await checkSignedResult(jws, { billId: bill.id, nonce }, keys);
        check(verdict.ok, `the signed result of a ${state} bill is rejected: ${verdict.ok ? '' : verdict.reason}`);
        checkEqual(verdict.payload.state, state, 'the verified state');
      }
    },
  },
  {
    id: 'signed-result-nonce',
    title: 'each result echoes its own request’s nonce, so an older answer does not verify for a new request',
    section: '§4 Signed results',
    async run(ctx) {
      const keys = await ctx.keys();
      const { bill } = await ctx.bills.inState('paid');
      const first = await signedResult(ctx, bill);
      const second = await signedResult(ctx, bill);
      checkEqual(
        [first.payload.nonce, second.payload.nonce],
        [first.nonce, second.nonce],
        'the nonces echoed by two waits',
      );
      const replayed = await checkSignedResult(first.jws, { billId: bill.id, nonce: second.nonce }, keys);
      check(!replayed.ok, 'an answer to an older wait verified for a newer wait’s nonce');
    },
  },
];
