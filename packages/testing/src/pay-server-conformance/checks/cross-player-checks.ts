import {
  billTokenOf,
  expectRefusedOnBills,
  expectRefusedOnCreateAndList,
  needsCredentials,
  needsPlayerTokens,
  targetsOf,
} from '../auth-probes.js';
import { checkEqual } from '../check-failure.js';
import type { PayServerCheck } from '../check-context.js';
import { expectError, expectStatus } from '../expect-answer.js';

/**
 * Player A is the check's own player (`ctx.bills`), player B another (`ctx.billsOf()`). Every probe reads B's bill
 * with B's own credential before and after, and compares its state and `updatedAt`.
 */
export const crossPlayerChecks: PayServerCheck[] = [
  {
    id: 'cross-player-bills',
    title:
      'player A’s token and A’s bill token on each of B’s bill endpoints (read, wait, report, cancel, deliver) answer 404 BILL_NOT_FOUND (a bill token 401) and change nothing',
    section: '§2 Authentication',
    unavailable: needsCredentials,
    async run(ctx) {
      const targets = await targetsOf(ctx.billsOf());
      const ownToken = billTokenOf(await ctx.bills.open());
      if (ctx.options.auth.mode === 'player-tokens') {
        await expectRefusedOnBills(
          ctx,
          targets,
          await ctx.credentials.player(ctx.bills.userId),
          ['BILL_NOT_FOUND'],
          'player A’s token',
        );
      } else {
        ctx.note('player A’s token is sent in player-tokens mode only; this run sends A’s bill token');
      }
      await expectRefusedOnBills(ctx, targets, ownToken, ['UNAUTHENTICATED', 'BILL_NOT_FOUND'], 'A’s bill token');
    },
  },
  {
    id: 'cross-player-create-list',
    title: 'player A’s token cannot create a bill for B or list B’s bills (403 FORBIDDEN); nothing is created for B',
    section: '§2 Authentication',
    unavailable: needsPlayerTokens,
    async run(ctx) {
      const victim = ctx.billsOf();
      await victim.open();
      await expectRefusedOnCreateAndList(
        ctx,
        victim,
        await ctx.credentials.player(ctx.bills.userId),
        ['FORBIDDEN'],
        'player A’s token',
      );
    },
  },
  {
    id: 'bill-token-scope',
    title:
      'a bill token reaches its own bill only: on another bill of the same player it answers 401 (or 404) and changes nothing; on create and list it answers 401',
    section: '§2 Authentication',
    unavailable: needsCredentials,
    async run(ctx) {
      const token = billTokenOf(await ctx.bills.open());
      await expectRefusedOnBills(
        ctx,
        await targetsOf(ctx.bills),
        token,
        ['UNAUTHENTICATED', 'BILL_NOT_FOUND'],
        'another bill’s token',
      );
      await expectRefusedOnCreateAndList(ctx, ctx.bills, token, ['UNAUTHENTICATED'], 'a bill token');
    },
  },
  {
    id: 'deliver-by-server',
    title:
      'where the game backend delivers, a player’s token or bill token on deliver answers 403 FORBIDDEN and changes nothing; a server key delivers',
    section: '§2 Authentication',
    unavailable: (options) =>
      needsCredentials(options) ??
      (options.auth.deliveredBy === 'server'
        ? undefined
        : "the server lets players deliver (auth.deliveredBy 'player'); say deliveredBy: 'server' when its game backend delivers"),
    async run(ctx) {
      const created = await ctx.bills.inState('paid');
      const refused: Array<[string, string]> = [['the bill’s own token', billTokenOf(created)]];
      if (ctx.options.auth.mode === 'player-tokens')
        refused.push(['the player’s token', await ctx.credentials.player(ctx.bills.userId)]);
      for (const [who, credential] of refused) {
        const answer = await ctx.http.call(`/v1/bills/${created.bill.id}/deliver`, { json: {}, credential });
        expectError(answer, 'FORBIDDEN', `${who} on POST …/deliver of the player’s own paid bill`);
        const after = await ctx.bills.read(created.bill.id);
        checkEqual(
          [after.state, after.updatedAt],
          [created.bill.state, created.bill.updatedAt],
          `the bill’s state and updatedAt after ${who}’s deliver`,
        );
      }
      const delivered = await ctx.http.call(`/v1/bills/${created.bill.id}/deliver`, {
        json: {},
        credential: ctx.options.auth.serverKey!,
      });
      expectStatus(delivered, 200, 'a server key on POST …/deliver');
      checkEqual(delivered.body?.bill?.state, 'delivered', 'the state after the server key’s deliver');
    },
  },
];
