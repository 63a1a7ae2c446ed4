import { BILL_ID, isBillState, type ResultPublicKey } from '@coinslot/protocol';
import { check, checkEqual, show } from '../check-failure.js';
import type { PayServerCheck } from '../check-context.js';
import { expectError, expectStatus } from '../expect-answer.js';

/** A bill token as §2 "Authentication" writes it: `cbt_` and 43 base64url characters. */
const BILL_TOKEN = /^cbt_[A-Za-z0-9_-]{43}$/;

const JWK_FORMS: Record<string, { kty: string; crv: string; members: string[] }> = {
  ES256: { kty: 'EC', crv: 'P-256', members: ['x', 'y'] },
  EdDSA: { kty: 'OKP', crv: 'Ed25519', members: ['x'] },
};

/** Why `key` is not a public result key of §2's two forms, or `undefined`. */
function jwkProblem(key: ResultPublicKey): string | undefined {
  const form = JWK_FORMS[key.alg];
  if (typeof key.kid !== 'string' || key.kid === '') return 'it has no kid';
  if (!form) return `alg ${show(key.alg)} is not ES256 or EdDSA`;
  if (key.kty !== form.kty || key.crv !== form.crv) return `an ${key.alg} key must be kty ${form.kty}, crv ${form.crv}`;
  if (form.members.some((member) => typeof (key as unknown as Record<string, unknown>)[member] !== 'string'))
    return `it lacks ${form.members.join(' or ')}`;
  if ('d' in key) return 'it carries the private member d';
  if (key.use !== undefined && key.use !== 'sig') return `use must be sig, not ${show(key.use)}`;
  return undefined;
}

export const endpointChecks: PayServerCheck[] = [
  {
    id: 'keys-endpoint',
    title: 'GET /v1/keys lists public JWKs in the ES256 (EC) or EdDSA (OKP) form, one per configured algorithm',
    section: '§2 GET /v1/keys',
    async run(ctx) {
      const keys = await ctx.keys();
      check(keys.length > 0, 'GET /v1/keys lists no key');
      for (const key of keys) {
        const problem = jwkProblem(key);
        check(problem === undefined, `key ${show(key.kid)}: ${problem}`);
      }
      for (const alg of ctx.options.algorithms ?? []) {
        check(
          keys.some((key) => key.alg === alg),
          `the server is said to sign with ${alg}, but GET /v1/keys lists no ${alg} key`,
        );
      }
    },
  },
  {
    id: 'channels-endpoint',
    title: 'GET /v1/channels lists the sandbox channel with its result sources',
    section: '§2 GET /v1/channels',
    async run(ctx) {
      const answer = await ctx.http.call('/v1/channels');
      expectStatus(answer, 200, 'GET /v1/channels');
      const channels = answer.body?.channels;
      check(Array.isArray(channels), `GET /v1/channels must answer { channels: [...] }, got ${show(answer.body)}`);
      const sandbox = channels.find((channel: { id?: unknown }) => channel?.id === 'sandbox');
      check(sandbox, `the suite needs the sandbox driver, and GET /v1/channels does not list it: ${show(channels)}`);
      check(
        Array.isArray(sandbox.resultSource) &&
          sandbox.resultSource.includes('server') &&
          sandbox.resultSource.includes('client'),
        `the sandbox's resultSource must list server and client, got ${show(sandbox.resultSource)}`,
      );
    },
  },
  {
    id: 'create-bill',
    title:
      'POST /v1/bills answers 201 with the stored bill in state created, a launch payload and (with credentials) a billToken',
    section: '§2 POST /v1/bills',
    async run(ctx) {
      const body = ctx.bills.body({
        passThrough: 'order-7781',
        os: 'web',
        appVersion: '1.4.0',
        sdkVersion: '0.1.0',
        extra: { campaign: 'winter' },
      });
      const answer = await ctx.bills.create(body);
      expectStatus(answer, 201, 'POST /v1/bills');
      const { bill, launch } = answer.body ?? {};
      check(
        typeof bill?.id === 'string' && BILL_ID.test(bill.id),
        `the bill id ${show(bill?.id)} breaks the id syntax of §1`,
      );
      for (const [field, value] of Object.entries(body)) checkEqual(bill[field], value, `the created bill's ${field}`);
      checkEqual(bill.state, 'created', 'a new bill’s state');
      for (const field of ['createdAt', 'updatedAt', 'expiresAt'])
        check(Number.isSafeInteger(bill[field]), `${field} must be an integer (ms), got ${show(bill[field])}`);
      check(bill.expiresAt > bill.createdAt, 'expiresAt must come after createdAt');
      check(
        typeof launch === 'object' && launch !== null && !Array.isArray(launch),
        `launch must be an object, got ${show(launch)}`,
      );
      if (ctx.options.auth.mode !== 'development') {
        const token = answer.body?.billToken;
        check(
          typeof token === 'string' && BILL_TOKEN.test(token),
          `billToken must be cbt_ and 43 base64url characters (§2), got ${show(token)}`,
        );
      }
      const read = await ctx.bills.read(bill.id);
      checkEqual(read, bill, 'GET /v1/bills/:id right after the create');
    },
  },
  {
    id: 'read-bill',
    title: 'GET /v1/bills/:id answers the bill; an unknown id answers 404 BILL_NOT_FOUND',
    section: '§2 GET /v1/bills/:id',
    async run(ctx) {
      const { bill } = await ctx.bills.inState('paid');
      checkEqual(bill.state, 'paid', 'the state read back after an approve notification');
      check(
        isBillState(bill.state) && Number.isSafeInteger(bill.paidAt),
        `a paid bill carries paidAt, got ${show(bill)}`,
      );
      expectError(await ctx.http.call('/v1/bills/b_no-such-bill-0000'), 'BILL_NOT_FOUND', 'GET /v1/bills/<unknown>');
    },
  },
  {
    id: 'list-bills',
    title:
      'GET /v1/bills?user=U&state=S lists the user’s bills in that state, oldest first, paid by default; no user is 400 (a player token: its own bills)',
    section: '§2 GET /v1/bills?user=U&state=S',
    async run(ctx) {
      const first = await ctx.bills.inState('paid');
      const second = await ctx.bills.inState('paid');
      const open = await ctx.bills.open();
      const user = encodeURIComponent(first.bill.userId);
      const ids = async (query: string) => {
        const answer = await ctx.http.call(`/v1/bills?${query}`);
        expectStatus(answer, 200, `GET /v1/bills?${query}`);
        check(
          Array.isArray(answer.body?.bills),
          `GET /v1/bills must answer { bills: [...] }, got ${show(answer.body)}`,
        );
        return answer.body.bills.map((bill: { id: string }) => bill.id) as string[];
      };
      checkEqual(
        await ids(`user=${user}&state=paid`),
        [first.bill.id, second.bill.id],
        'the user’s paid bills, oldest first',
      );
      checkEqual(
        await ids(`user=${user}`),
        [first.bill.id, second.bill.id],
        'the user’s bills without state (default paid)',
      );
      check((await ids(`user=${user}&state=created`)).includes(open.bill.id), 'state=created must list the open bill');
      checkEqual(await ids(`user=nobody-${first.key}&state=paid`), [], 'another user’s paid bills');
      if (ctx.options.auth.mode === 'player-tokens') {
        checkEqual(
          await ids('state=paid'),
          [first.bill.id, second.bill.id],
          'the token’s player’s paid bills (user left out)',
        );
      } else {
        expectError(await ctx.http.call('/v1/bills?state=paid'), 'MISSING_FIELD', 'GET /v1/bills without user', {
          field: 'user',
        });
      }
      expectError(
        await ctx.http.call(`/v1/bills?user=${user}&state=unknown`),
        'INVALID_FIELD',
        'GET /v1/bills with an unknown state',
        { field: 'state' },
      );
    },
  },
];
