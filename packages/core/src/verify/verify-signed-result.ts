import { CoinslotError } from '../errors/coinslot-error.js';
import type { SignedResultPayload } from '../protocol/bill.js';
import type { KeyResolver } from './key-resolver.js';

/** What a signed result must answer: the bill asked about and the nonce this request sent. */
export interface VerifyExpectation {
  billId: string;
  nonce: string;
}

/** Verify a signed result (protocol §4). Stub; implementation follows. */
export async function verifySignedResult(
  jws: string,
  expect: VerifyExpectation,
  keys: KeyResolver,
): Promise<SignedResultPayload> {
  void jws; void expect; void keys;
  throw new CoinslotError('RESULT_REJECTED', 'not implemented yet');
}
