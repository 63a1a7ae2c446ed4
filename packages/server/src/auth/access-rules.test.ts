import type { Bill } from '@coinslot/protocol';
import { describe, expect, it } from 'vitest';
import { checkBillAccess, ownerOfListing, ownerOfNewBill, type BillAction } from './access-rules.js';
import { AppRegistry } from '../apps/app-registry.js';
import type { ResolvedAuth } from './auth-options.js';
import type { BillTokens } from './bill-tokens.js';
import type { Identity } from './identity.js';

const bill = { id: 'b_1', appId: 'default', userId: 'alice' } as Bill;
/** The server's games: the default one, whose backend or players deliver, and a second game. */
const auth = (deliveredBy: 'player' | 'server') => {
  const app = (id: string) => ({ id, auth: { deliveredBy } as ResolvedAuth, catalog: undefined, drivers: new Map() });
  return new AppRegistry([app('default'), app('space-miner')], {} as BillTokens);
};
const alice: Identity = { kind: 'player', appId: 'default', userId: 'alice' };
const bob: Identity = { kind: 'player', appId: 'default', userId: 'bob' };
const server: Identity = { kind: 'server', appId: 'default' };
const ACTIONS: BillAction[] = ['read', 'wait', 'report', 'cancel', 'deliver'];

const codeOf = (run: () => unknown): string => {
  try {
    run();
    return 'allowed';
  } catch (error) {
    return (error as { code: string }).code;
  }
};

describe('checkBillAccess', () => {
  it('lets the owner, the bill token and a server key do everything where players deliver', () => {
    for (const identity of [
      alice,
      server,
      { kind: 'bill', billId: 'b_1' } as Identity,
      { kind: 'development', appId: 'default' } as Identity,
    ]) {
      expect(ACTIONS.map((action) => codeOf(() => checkBillAccess(identity, bill, action, auth('player'))))).toEqual(
        ACTIONS.map(() => 'allowed'),
      );
    }
  });

  it("answers another player's bill, or another bill's token, as a missing bill", () => {
    for (const identity of [bob, { kind: 'bill', billId: 'b_2' } as Identity]) {
      expect(ACTIONS.map((action) => codeOf(() => checkBillAccess(identity, bill, action, auth('player'))))).toEqual(
        ACTIONS.map(() => 'BILL_NOT_FOUND'),
      );
    }
  });

  it("answers another game's credentials — its server key, its player of the same id — as a missing bill", () => {
    const otherGame: Identity[] = [
      { kind: 'server', appId: 'space-miner' },
      { kind: 'player', appId: 'space-miner', userId: 'alice' },
    ];
    for (const identity of otherGame) {
      expect(ACTIONS.map((action) => codeOf(() => checkBillAccess(identity, bill, action, auth('player'))))).toEqual(
        ACTIONS.map(() => 'BILL_NOT_FOUND'),
      );
    }
  });

  it('answers a bill of a game the server no longer runs as a missing bill, even to its own token', () => {
    const orphan = { ...bill, appId: 'retired-game' };
    expect(codeOf(() => checkBillAccess({ kind: 'bill', billId: 'b_1' }, orphan, 'read', auth('player')))).toBe(
      'BILL_NOT_FOUND',
    );
  });

  it('needs a credential (anonymous: 401)', () => {
    expect(codeOf(() => checkBillAccess({ kind: 'anonymous' }, bill, 'read', auth('player')))).toBe('UNAUTHENTICATED');
  });

  it("keeps delivery to the server key when the game backend delivers; the owner's other actions stay allowed", () => {
    expect(codeOf(() => checkBillAccess(alice, bill, 'deliver', auth('server')))).toBe('FORBIDDEN');
    expect(codeOf(() => checkBillAccess({ kind: 'bill', billId: 'b_1' }, bill, 'deliver', auth('server')))).toBe(
      'FORBIDDEN',
    );
    expect(codeOf(() => checkBillAccess(server, bill, 'deliver', auth('server')))).toBe('allowed');
    expect(codeOf(() => checkBillAccess(alice, bill, 'cancel', auth('server')))).toBe('allowed');
  });
});

describe('ownerOfNewBill and ownerOfListing', () => {
  it("take the player from the token, refuse another player's id and need a credential", () => {
    expect(ownerOfNewBill(alice, undefined)).toBe('alice');
    expect(ownerOfNewBill(alice, 'alice')).toBe('alice');
    expect(codeOf(() => ownerOfNewBill(alice, 'bob'))).toBe('FORBIDDEN');
    expect(ownerOfListing(alice, undefined)).toBe('alice');
    expect(codeOf(() => ownerOfListing(alice, 'bob'))).toBe('FORBIDDEN');
    for (const identity of [{ kind: 'anonymous' }, { kind: 'bill', billId: 'b_1' }] as Identity[]) {
      expect(codeOf(() => ownerOfNewBill(identity, 'alice'))).toBe('UNAUTHENTICATED');
      expect(codeOf(() => ownerOfListing(identity, 'alice'))).toBe('UNAUTHENTICATED');
    }
  });

  it('let a server key name any player, and require the name', () => {
    expect(ownerOfNewBill(server, 'bob')).toBe('bob');
    expect(ownerOfListing(server, 'bob')).toBe('bob');
    expect(codeOf(() => ownerOfNewBill(server, undefined))).toBe('MISSING_FIELD');
    expect(codeOf(() => ownerOfListing(server, undefined))).toBe('MISSING_FIELD');
  });
});
