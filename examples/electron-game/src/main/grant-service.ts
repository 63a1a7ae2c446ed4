import type { GrantRequest, Wallet } from '../shared/bridge-contract.js';
import { GameError } from '../shared/game-error.js';
import { findCoinPack } from '../shared/shop-items.js';
import { parseGrantRequest } from '../shared/validate-grant.js';
import type { PlayerSave } from './player-save.js';
import type { SignedResultCheck } from './signed-result-check.js';

/** What the main process does for the game bridge. */
export interface GrantService {
  /**
   * Grant the coins of a paid bill, once (the grant contract): `true` when added now, `false` when this bill's
   * coins were already saved. Throws a `GameError` — `INVALID_OFFER`, `UNKNOWN_ITEM`, `NOT_PAID`, `CONFIRM_FAILED`,
   * `SAVE_FAILED` — and then changes nothing.
   */
  grant(request: unknown): Promise<boolean>;
  /** The local player and their coins. */
  wallet(): Promise<Wallet>;
}

const PAID_STATES = new Set(['paid', 'delivered']);

/**
 * The main process's grant: check the request, skip a bill already granted, confirm with the pay server's signed
 * result that the bill is paid, is what the renderer says (player, item, quantity) and was paid the price list's
 * amount, then add the coins and the bill id to the save in one write. The coins come from the signed bill and the game's own price list, never from
 * the renderer.
 */
export function createGrantService(deps: { save: PlayerSave; signedResultOf: SignedResultCheck }): GrantService {
  const { save, signedResultOf } = deps;
  return {
    async grant(input) {
      const request: GrantRequest = parseGrantRequest(input);
      const pack = findCoinPack(request.itemId);
      if (pack === undefined) throw new GameError('UNKNOWN_ITEM', `this game sells no item "${request.itemId}".`);
      if (await save.hasGranted(request.billId)) return false; // a replay needs no pay server

      const signed = await signedResultOf(request.billId);
      if (!PAID_STATES.has(signed.state))
        throw new GameError('NOT_PAID', `the pay server says bill ${request.billId} is ${signed.state}.`);
      const differs = (['userId', 'itemId', 'quantity'] as const).find((field) => signed[field] !== request[field]);
      if (differs !== undefined) {
        throw new GameError(
          'NOT_PAID',
          `the pay server's bill ${request.billId} has another ${differs} than the grant asks for.`,
        );
      }
      if (signed.amount !== pack.amount * signed.quantity || signed.currency !== pack.currency) {
        throw new GameError(
          'NOT_PAID',
          `bill ${request.billId} was paid ${signed.amount} ${signed.currency}, not the price of ${signed.quantity} × ${pack.id}.`,
        );
      }
      return save.addCoinsOnce(request.billId, signed.userId, pack.coins * signed.quantity);
    },
    wallet: async () => ({ playerId: save.playerId, coins: await save.coins(save.playerId) }),
  };
}
