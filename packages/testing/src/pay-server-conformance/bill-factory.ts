import type { Bill, BillState, CreateBillBody } from '@coinslot/protocol';
import { check, show } from './check-failure.js';
import { expectStatus } from './expect-answer.js';
import type { Answer, HttpClient } from './http-client.js';
import { randomToken } from './random-token.js';
import type { SandboxChannel } from './sandbox-channel.js';

/** A bill the suite created, with what it needs to replay or launch it. */
export interface CreatedBill {
  bill: Bill;
  launch: Record<string, unknown>;
  key: string;
  body: CreateBillBody;
  /** The bill token the create answered (`billToken`), when it answered one. */
  billToken: string | undefined;
}

/** The states the suite can put a fresh bill in by itself (`expired` needs the server's clock). */
export type ReachableState = Exclude<BillState, 'expired'>;

/** Creates and moves bills through the public endpoints and the sandbox channel. */
export interface BillFactory {
  /** The player whose bills this factory makes. */
  readonly userId: string;
  body(overrides?: Partial<CreateBillBody> & Record<string, unknown>): CreateBillBody;
  create(body: unknown, key?: string | null, headers?: Record<string, string>): Promise<Answer>;
  /** A new bill (asserting `201`). */
  open(overrides?: Partial<CreateBillBody>): Promise<CreatedBill>;
  /** A new bill moved to `state` through the sandbox and the endpoints (`refunded`: in part, see {@link partialRefund}). */
  inState(state: ReachableState, overrides?: Partial<CreateBillBody>): Promise<CreatedBill>;
  read(id: string): Promise<Bill>;
  /** `GET …/result` with `wait` (left out when `undefined`), a fresh `nonce`, and `more` appended to the query. */
  result(id: string, wait: number | undefined, nonce?: string, more?: string): Promise<Answer & { nonce: string }>;
}

/** The price of one `conformance-gem`, in US cents, as a server with a catalog must have it. */
export const UNIT_PRICE = 499;

/** The running total of the partial refund a `refunded` bill of the factory has: half its amount, at least 1. */
export const partialRefund = (bill: Bill): number => Math.max(1, Math.floor(bill.amount / 2));

/** A new player id for the suite's bills. */
export const newUserId = (): string => `conformance-${randomToken(6)}`;

/** A bill factory for the server behind `http`; each factory has its own user id, so listings stay its own. */
export function createBillFactory(http: HttpClient, sandbox: SandboxChannel, userId = newUserId()): BillFactory {
  const factory: BillFactory = {
    userId,
    body: (overrides = {}) => {
      const quantity = Number.isSafeInteger(overrides.quantity) ? (overrides.quantity as number) : 1;
      // The suite's price: 499 USD per unit, as a server with a catalog has it (options.catalog).
      return {
        userId,
        itemId: 'conformance-gem',
        quantity: 1,
        amount: UNIT_PRICE * quantity,
        currency: 'USD',
        channel: 'sandbox',
        ...overrides,
      };
    },
    create(body, key = randomToken(), headers = {}) {
      const all = key === null ? headers : { 'idempotency-key': key, ...headers };
      return http.call('/v1/bills', { method: 'POST', json: body, headers: all });
    },
    async open(overrides = {}) {
      const body = factory.body(overrides);
      const key = randomToken();
      const answer = await factory.create(body, key);
      expectStatus(answer, 201, 'POST /v1/bills with a valid body');
      check(answer.body?.bill?.id, `POST /v1/bills answered no bill id: ${show(answer.body)}`);
      const { bill, launch, billToken } = answer.body;
      return { bill, launch, key, body, billToken: typeof billToken === 'string' ? billToken : undefined };
    },
    async inState(state, overrides = {}) {
      const created = await factory.open(overrides);
      const { bill } = created;
      const step = async (answer: Promise<Answer>, what: string) => expectStatus(await answer, 200, what);
      const paid = state === 'paid' || state === 'delivered' || state === 'refunded' || state === 'charged_back';
      if (paid) await step(sandbox.notify({ ...sandbox.statement(bill, 'approve') }), 'an approve notification');
      if (state === 'delivered') await step(http.call(`/v1/bills/${bill.id}/deliver`, { json: {} }), 'deliver');
      if (state === 'failed')
        await step(sandbox.notify({ ...sandbox.statement(bill, 'decline') }), 'a decline notification');
      if (state === 'cancelled') await step(http.call(`/v1/bills/${bill.id}/cancel`, { json: {} }), 'cancel');
      if (state === 'refunded')
        await step(
          sandbox.notify(sandbox.reversal(bill, 'refund', partialRefund(bill))),
          'a partial refund notification',
        );
      if (state === 'charged_back')
        await step(sandbox.notify(sandbox.reversal(bill, 'chargeback')), 'a chargeback notification');
      return { ...created, bill: await factory.read(bill.id) };
    },
    async read(id) {
      const answer = await http.call(`/v1/bills/${id}`);
      expectStatus(answer, 200, `GET /v1/bills/${id}`);
      return answer.body.bill as Bill;
    },
    async result(id, wait, nonce = randomToken(18), more) {
      const query = `${wait === undefined ? '' : `wait=${wait}&`}nonce=${nonce}${more === undefined ? '' : `&${more}`}`;
      return { ...(await http.call(`/v1/bills/${id}/result?${query}`)), nonce };
    },
  };
  return factory;
}
