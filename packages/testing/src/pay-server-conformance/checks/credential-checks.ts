import {
  BILL_ENDPOINTS,
  billTokenOf,
  expectRefusedOnBills,
  expectRefusedOnCreateAndList,
  needsCredentials,
  targetsOf,
  type Presented,
} from '../auth-probes.js';
import { check, checkEqual, show } from '../check-failure.js';
import type { CheckContext, PayServerCheck } from '../check-context.js';
import { expectStatus } from '../expect-answer.js';
import { randomToken } from '../random-token.js';
import { resignedWithUntrustedKey } from '../resigned-token.js';

/** A credential on create, list and every endpoint of the check's own bills: each answers 401 and changes nothing. */
async function expectUnauthenticatedEverywhere(ctx: CheckContext, presented: Presented, who: string): Promise<void> {
  await expectRefusedOnCreateAndList(ctx, ctx.bills, presented, ['UNAUTHENTICATED'], who);
  await expectRefusedOnBills(ctx, await targetsOf(ctx.bills), presented, ['UNAUTHENTICATED'], who);
}

export const credentialChecks: PayServerCheck[] = [
  {
    id: 'auth-no-credential',
    title:
      'no credential on any bill endpoint answers 401 UNAUTHENTICATED with WWW-Authenticate: Bearer and changes nothing; keys and channels need none',
    section: '§2 Authentication',
    unavailable: needsCredentials,
    async run(ctx) {
      await expectUnauthenticatedEverywhere(ctx, null, 'no credential');
      expectStatus(await ctx.http.call('/v1/keys'), 200, 'GET /v1/keys without a credential');
      expectStatus(await ctx.http.call('/v1/channels'), 200, 'GET /v1/channels without a credential');
    },
  },
  {
    id: 'auth-bad-credentials',
    title:
      'a credential that does not verify (garbage, another scheme, an unknown server key, a forged bill token, a JWT from an untrusted key) answers 401 and changes nothing',
    section: '§2 Authentication',
    unavailable: needsCredentials,
    async run(ctx) {
      const bad: Array<[string, Presented]> = [
        ['a garbage Bearer credential', 'not-a-credential'],
        ['a Basic credential', { header: `Basic ${Buffer.from(`${ctx.bills.userId}:secret`).toString('base64')}` }],
        ['an unknown server key', `csk_${randomToken(32)}`],
        ['a forged bill token', `cbt_${randomToken(32)}`],
      ];
      if (ctx.options.auth.mode === 'player-tokens') {
        bad.push([
          'a player token re-signed with an untrusted key',
          resignedWithUntrustedKey(await ctx.credentials.player(ctx.bills.userId)),
        ]);
      } else {
        ctx.note('a JWT from an untrusted key is sent in player-tokens mode only');
      }
      for (const [who, presented] of bad) await expectUnauthenticatedEverywhere(ctx, presented, who);
    },
  },
  {
    id: 'auth-expired-player-token',
    title:
      'an expired player token answers 401 UNAUTHENTICATED on create, list and every bill endpoint, and changes nothing',
    section: '§2 Authentication',
    unavailable: ({ auth }) =>
      auth.mode !== 'player-tokens'
        ? `needs player tokens (auth.mode 'player-tokens'); this run is in ${auth.mode} mode`
        : auth.expiredPlayerToken === undefined
          ? 'needs auth.expiredPlayerToken (a token for the player whose exp has passed)'
          : undefined,
    async run(ctx) {
      const expired = await ctx.options.auth.expiredPlayerToken!(ctx.bills.userId);
      await expectUnauthenticatedEverywhere(ctx, expired, 'an expired player token of the bills’ own player');
    },
  },
  {
    id: 'own-bill-credentials',
    title:
      'the player’s token and the bill’s own token each reach every endpoint of the bill; a player lists its own bills; a server key reaches any player’s',
    section: '§2 Authentication',
    unavailable: needsCredentials,
    async run(ctx) {
      const { auth } = ctx.options;
      const credentials: Array<[string, (billToken: string) => Promise<string>]> = [
        ['the bill’s own token', async (token) => token],
      ];
      if (auth.mode === 'player-tokens')
        credentials.push(['the player’s token', () => ctx.credentials.player(ctx.bills.userId)]);
      const cancelled: string[] = [];
      for (const [who, credentialOf] of credentials) {
        for (const endpoint of BILL_ENDPOINTS) {
          if (endpoint.paid && auth.deliveredBy === 'server') continue;
          const created = await (endpoint.paid ? ctx.bills.inState('paid') : ctx.bills.open());
          const answer = await endpoint.send(ctx, created.bill, await credentialOf(billTokenOf(created)));
          expectStatus(answer, 200, `${who} on ${endpoint.name} of the player’s own ${created.bill.state} bill`);
          if (endpoint.name.includes('cancel')) cancelled.push(created.bill.id);
        }
      }
      if (auth.deliveredBy === 'server')
        ctx.note('deliver with a player’s credential is checked by deliver-by-server (the server delivers)');
      const user = encodeURIComponent(ctx.bills.userId);
      if (auth.mode === 'player-tokens') {
        const own = await ctx.http.call('/v1/bills?state=cancelled', {
          credential: await ctx.credentials.player(ctx.bills.userId),
        });
        expectStatus(own, 200, 'GET /v1/bills?state=cancelled (no user) with the player’s token');
        checkEqual(
          own.body?.bills?.map((bill: { id: string }) => bill.id),
          cancelled,
          'the player’s cancelled bills listed with its token and no user',
        );
      }
      if (auth.serverKey === undefined)
        return ctx.note('no auth.serverKey was given: a server key’s reach is not checked');
      const listed = await ctx.http.call(`/v1/bills?user=${user}&state=cancelled`, { credential: auth.serverKey });
      expectStatus(listed, 200, 'GET /v1/bills?user=U with a server key');
      checkEqual(
        listed.body?.bills?.map((bill: { id: string }) => bill.id),
        cancelled,
        'the player’s cancelled bills listed with a server key',
      );
      const read = await ctx.http.call(`/v1/bills/${cancelled[0]}`, { credential: auth.serverKey });
      expectStatus(read, 200, 'GET /v1/bills/:id of a player’s bill with a server key');
      check(read.body?.bill?.id === cancelled[0], `a server key read another bill: ${show(read.body?.bill?.id)}`);
    },
  },
];
