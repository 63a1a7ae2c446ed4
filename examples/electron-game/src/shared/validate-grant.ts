import { FIELD_LIMITS, isBillId, isIntegerWithin } from '@coinslot/protocol';
import { GameError } from './game-error.js';
import type { GrantRequest } from './bridge-contract.js';

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const { userId: USER_ID, itemId: ITEM_ID, quantity: QUANTITY } = FIELD_LIMITS;
const isTextWithin = (value: unknown, limit: { min: number; max: number }): value is string =>
  typeof value === 'string' && value.length >= limit.min && value.length <= limit.max;

function invalid(detail: string): never {
  throw new GameError('INVALID_OFFER', detail);
}

/** Check the fields of a grant, wherever they came from; answers them as a fresh object. */
function checked(billId: unknown, userId: unknown, itemId: unknown, quantity: unknown): GrantRequest {
  if (!isBillId(billId))
    invalid(`billId ${JSON.stringify(billId) ?? 'undefined'} is not a bill id (1–64 of A-Z a-z 0-9 _ -).`);
  if (!isTextWithin(userId, USER_ID)) invalid(`userId must be a string of ${USER_ID.min}–${USER_ID.max} characters.`);
  if (!isTextWithin(itemId, ITEM_ID)) invalid(`itemId must be a string of ${ITEM_ID.min}–${ITEM_ID.max} characters.`);
  if (!isIntegerWithin(quantity, QUANTITY))
    invalid(`quantity must be an integer from ${QUANTITY.min} to ${QUANTITY.max}.`);
  return { billId, userId, itemId, quantity };
}

/**
 * The preload's check of what the page hands `window.game.grant`: core's `GrantOffer` (`{ billId, bill }`), whose
 * bill must be that very bill. Answers the few fields the main process needs; throws `INVALID_OFFER` otherwise.
 */
export function grantRequestFromOffer(offer: unknown): GrantRequest {
  if (!isRecord(offer)) invalid('the offer must be an object { billId, bill }.');
  const { billId, bill } = offer;
  if (!isRecord(bill)) invalid('offer.bill must be the paid bill.');
  if (bill.id !== billId)
    invalid(
      `offer.bill.id ${JSON.stringify(bill.id) ?? 'undefined'} is not offer.billId ${JSON.stringify(billId) ?? 'undefined'}.`,
    );
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
