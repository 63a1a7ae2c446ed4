// The values of Steam's MicroTxn web API the emulator speaks (partner.steamgames.com/doc/features/microtransactions/
// implementation, appendices A and B): order statuses and error codes.

/** An order's status (Appendix A). */
export type SteamTxnStatus =
  | 'Init'
  | 'Approved'
  | 'Succeeded'
  | 'Failed'
  | 'Refunded'
  | 'PartialRefund'
  | 'Chargedback'
  | 'RefundedSuspectedFraud'
  | 'RefundedFriendlyFraud';

/** The statuses of an order whose payment was reversed: the game takes the items back. */
export const STEAM_REVERSED_STATUSES: readonly SteamTxnStatus[] = [
  'Refunded',
  'PartialRefund',
  'Chargedback',
  'RefundedSuspectedFraud',
  'RefundedFriendlyFraud',
];

/** The error codes the emulator answers (Appendix B), with Steam's descriptions. */
export const STEAM_ERRORS = {
  failed: { errorcode: 2, errordesc: 'The operation failed' },
  invalidParameter: { errorcode: 3, errordesc: 'Invalid parameter' },
  notApproved: { errorcode: 5, errordesc: 'User has not approved transaction' },
  alreadyCommitted: { errorcode: 6, errordesc: 'Transaction has already been committed' },
  notLoggedIn: { errorcode: 7, errordesc: 'User is not logged in' },
  deniedByUser: { errorcode: 10, errordesc: 'Transaction has been denied by user' },
  insufficientFunds: { errorcode: 100, errordesc: 'Insufficient funds' },
} as const;

/** A `Failure` answer's `error` member. */
export interface SteamError {
  errorcode: number;
  errordesc: string;
}

/** The web API methods the emulator implements, as they appear in the path (`/ISteamMicroTxn/<method>/v<n>/`). */
export type SteamMicroTxnMethod = 'InitTxn' | 'FinalizeTxn' | 'QueryTxn' | 'RefundTxn' | 'GetReport';

/** The two interfaces: the live one and the sandbox, each with its own orders. */
export type SteamMicroTxnInterface = 'ISteamMicroTxn' | 'ISteamMicroTxnSandbox';
