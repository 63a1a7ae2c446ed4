/**
 * The protocol v1 wire types the server speaks, from `@coinslot/core` (one definition of the contract for both
 * sides). Types only: the server has no runtime dependency on the client SDK.
 */
export type {
  Bill,
  BillState,
  CreateBillBody,
  CreateBillResponse,
  ErrorEnvelope,
  LaunchPayload,
  ResultPublicKey,
  ResultResponse,
  ServerErrorCode,
  SignedResultHeader,
  SignedResultPayload,
} from '@coinslot/core';
