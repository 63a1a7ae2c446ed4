import type { SteamWebApi, SteamFailure } from './steam-web-api.js';
import { readOrderStatement, type SteamOrderStatement } from './steam-order-statement.js';

/** What Steam said about an order: a statement, Steam's refusal to answer, or an answer that did not read. */
export type SteamOrderAnswer =
  | { statement: SteamOrderStatement; finalizeFailure?: SteamFailure }
  | { failure: SteamFailure }
  | { unreadable: string };

/** QueryTxn for one order, read and checked to be about that order. Throws a `SteamApiError` when Steam cannot answer. */
export async function queryOrder(api: SteamWebApi, appid: string, orderid: string): Promise<SteamOrderAnswer> {
  const answer = await api.queryTxn({ orderid, appid });
  if (!answer.ok) return { failure: answer.error };
  const statement = readOrderStatement(answer.params);
  if (typeof statement === 'string') return { unreadable: `QueryTxn ${statement}` };
  if (statement.orderid !== orderid) return { unreadable: `QueryTxn answered about order ${statement.orderid}` };
  return { statement };
}

/**
 * Asks Steam about an order and captures it when the player authorized it: an `Approved` order gets FinalizeTxn
 * (which takes the money), then is queried again, so the statement answered is Steam's word after the capture.
 * FinalizeTxn's own refusal comes back beside the statement (an order still `Approved` after it).
 */
export async function settleOrder(api: SteamWebApi, appid: string, orderid: string): Promise<SteamOrderAnswer> {
  const first = await queryOrder(api, appid, orderid);
  if (!('statement' in first) || first.statement.status !== 'Approved') return first;
  const finalized = await api.finalizeTxn({ orderid, appid });
  const after = await queryOrder(api, appid, orderid);
  return 'statement' in after && !finalized.ok ? { ...after, finalizeFailure: finalized.error } : after;
}

/** A Steam refusal as one line for a log or a refusal reason. */
export function describeFailure(method: string, failure: SteamFailure): string {
  return `Steam ${method} refused: ${failure.errorcode} ${failure.errordesc}`;
}
