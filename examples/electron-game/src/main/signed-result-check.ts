import { verifySignedResult, type ResultPublicKey, type SignedResultPayload } from '@coinslot/core';
import { GameError } from '../shared/game-error.js';

/** Options of {@link createSignedResultCheck}. */
export interface SignedResultCheckOptions {
  /** The pay server's base URL, from the shipped config. */
  payServer: string;
  /** The pay server's public result keys, pinned (from the shipped config): a result signed by another key is refused. */
  trustedKeys: readonly ResultPublicKey[];
  /** A player token for the logged-in player: the pay server shows a player only their own bills. */
  playerToken: () => Promise<string>;
  /** @default globalThis.fetch */
  fetch?: typeof globalThis.fetch;
}

/** Ask the pay server for a bill's signed result now and answer its verified payload. */
export type SignedResultCheck = (billId: string) => Promise<SignedResultPayload>;

/**
 * The main process does not take the renderer's word that a bill is paid: before it grants, it asks the pay server
 * itself (`GET /v1/bills/:id/result?wait=0` with a fresh nonce and the player's token) and verifies the signature
 * with the pinned keys, exactly as core does in the renderer. Rejects with `NOT_PAID` for a bill the server does not
 * show this player (unknown, or another player's), with `LOGIN_FAILED` when no player token could be had, and with
 * `CONFIRM_FAILED` when the server cannot be asked or its answer fails verification.
 */
export function createSignedResultCheck(options: SignedResultCheckOptions): SignedResultCheck {
  const fetcher = options.fetch ?? globalThis.fetch;
  const base = options.payServer.replace(/\/+$/, '');
  const keys = options.trustedKeys;

  return async (billId) => {
    const nonce = globalThis.crypto.randomUUID().replaceAll('-', '');
    const token = await options.playerToken();
    let jws: unknown;
    try {
      const response = await fetcher(`${base}/v1/bills/${encodeURIComponent(billId)}/result?wait=0&nonce=${nonce}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      if (response.status === 404)
        throw new GameError('NOT_PAID', `the pay server shows this player no bill ${billId}.`);
      if (!response.ok) throw new Error(`the pay server answered ${response.status}`);
      jws = ((await response.json()) as { result?: unknown }).result;
    } catch (error) {
      if (GameError.isInstance(error)) throw error;
      throw new GameError('CONFIRM_FAILED', `could not ask the pay server about bill ${billId} (${String(error)}).`, {
        cause: error,
      });
    }
    try {
      return await verifySignedResult(String(jws), { billId, nonce }, keys);
    } catch (error) {
      throw new GameError('CONFIRM_FAILED', `the pay server's answer about bill ${billId} did not verify.`, {
        cause: error,
      });
    }
  };
}
