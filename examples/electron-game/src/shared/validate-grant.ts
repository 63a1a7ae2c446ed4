import { GameError } from './game-error.js';
import type { GrantRequest } from './bridge-contract.js';

/** The protocol's bill id syntax. */
const BILL_ID = /^[A-Za-z0-9_-]{1,64}$/;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isText = (value: unknown): value is string => typeof value === 'string' && value.length >= 1 && value.length <= 128;

function invalid(detail: string): never {
  throw new GameError('INVALID_OFFER', detail);
}

/** Check the fields of a grant, wherever they came from; answers them as a fresh object. */
function checked(billId: unknown, userId: unknown, itemId: unknown, quantity: unknown): GrantRequest {
  if (typeof billId !== 'string' || !BILL_ID.test(billId)) invalid(`billId ${JSON.stringify(billId) ?? 'undefined'} is not a bill id (1–64 of A-Z a-z 0-9 _ -).`);
  if (!isText(userId)) invalid('userId must be a string of 1–128 characters.');
  if (!isText(itemId)) invalid('itemId must be a string of 1–128 characters.');
  if (!Number.isSafeInteger(quantity) || (quantity as number) < 1 || (quantity as number) > 10_000) invalid('quantity must be an integer from 1 to 10000.');
  return { billId, userId, itemId, quantity: quantity as number };
}

/**
 * The preload's check of what the page hands `window.game.grant`: core's `GrantOffer` (`{ billId, bill }`), whose
 * bill must be that very bill. Answers the few fields the main process needs; throws `INVALID_OFFER` otherwise.
 */
export function grantRequestFromOffer(offer: unknown): GrantRequest {
  if (!isRecord(offer)) invalid('the offer must be an object { billId, bill }.');
  const { billId, bill } = offer;
  if (!isRecord(bill)) invalid('offer.bill must be the paid bill.');
  if (bill.id !== billId) invalid(`offer.bill.id ${JSON.stringify(bill.id) ?? 'undefined'} is not offer.billId ${JSON.stringify(billId) ?? 'undefined'}.`);
  return checked(billId, bill.userId, bill.itemId, bill.quantity ?? 1);
}

/**
 * The main process's check of a {@link GrantRequest} arriving over IPC — again, since a compromised page could call
 * the channel with anything. Throws `INVALID_OFFER` for a malformed request or an unexpected field.
 */
export function parseGrantRequest(request: unknown): GrantRequest {
  if (!isRecord(request)) invalid('the grant request must be an object { billId, userId, itemId, quantity }.');
  const unknown = Object.keys(request).find((key) => !['billId', 'userId', 'itemId', 'quantity'].includes(key));
  if (unknown !== undefined) invalid(`unexpected field "${unknown}" in the grant request.`);
  return checked(request.billId, request.userId, request.itemId, request.quantity);
}
