import { verifySignedResult, type KeySource, type ResultPublicKey, type SignedResultPayload } from '@coinslot/core';
import { GameError } from '../shared/game-error.js';

/** Options of {@link createSignedResultCheck}. */
export interface SignedResultCheckOptions {
  /** The pay server's base URL. */
  payServer: string;
  /** The pay server's public result keys, pinned. @default fetched from `GET /v1/keys` (again once on an unknown `kid`) */
  trustedKeys?: readonly ResultPublicKey[];
  /** @default globalThis.fetch */
  fetch?: typeof globalThis.fetch;
}

/** Ask the pay server for a bill's signed result now and answer its verified payload. */
export type SignedResultCheck = (billId: string) => Promise<SignedResultPayload>;

/** The keys of `GET /v1/keys`, fetched once, again on `refresh`, and again after a failed fetch. */
function payServerKeys(base: string, fetcher: typeof globalThis.fetch): KeySource {
  let cached: Promise<readonly ResultPublicKey[]> | undefined;
  const load = async () => {
    const response = await fetcher(`${base}/v1/keys`);
    if (!response.ok) throw new Error(`GET /v1/keys answered ${response.status}`);
    return ((await response.json()) as { keys: ResultPublicKey[] }).keys;
  };
  return {
    keys({ refresh }) {
      if (refresh || cached === undefined) {
        const loading = (cached = load());
        loading.catch(() => cached === loading && (cached = undefined));
      }
      return cached;
    },
  };
}

/**
 * The main process does not take the renderer's word that a bill is paid: before it grants, it asks the pay server
 * itself (`GET /v1/bills/:id/result?wait=0` with a fresh nonce) and verifies the signature with the server's public
 * key, exactly as core does in the renderer. Rejects with `NOT_PAID` for a bill the server does not know, and with
 * `CONFIRM_FAILED` when the server cannot be asked or its answer fails verification.
 */
export function createSignedResultCheck(options: SignedResultCheckOptions): SignedResultCheck {
  const fetcher = options.fetch ?? globalThis.fetch;
  const base = options.payServer.replace(/\/+$/, '');
  const keys = options.trustedKeys ?? payServerKeys(base, fetcher);

  return async (billId) => {
    const nonce = globalThis.crypto.randomUUID().replaceAll('-', '');
    let jws: unknown;
    try {
      const response = await fetcher(`${base}/v1/bills/${encodeURIComponent(billId)}/result?wait=0&nonce=${nonce}`);
      if (response.status === 404) throw new GameError('NOT_PAID', `the pay server knows no bill ${billId}.`);
      if (!response.ok) throw new Error(`the pay server answered ${response.status}`);
      jws = ((await response.json()) as { result?: unknown }).result;
    } catch (error) {
      if (GameError.isInstance(error)) throw error;
      throw new GameError('CONFIRM_FAILED', `could not ask the pay server about bill ${billId} (${String(error)}).`, { cause: error });
    }
    try {
      return await verifySignedResult(String(jws), { billId, nonce }, keys);
    } catch (error) {
      throw new GameError('CONFIRM_FAILED', `the pay server's answer about bill ${billId} did not verify.`, { cause: error });
    }
  };
}
