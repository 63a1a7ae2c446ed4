import { type AnyEventBody, isBillState, isEventType, isRecord } from '@coinslot/protocol';

/**
 * The event a webhook's body holds (docs/protocol.md §10): a bill's `{ type, timestamp, data: { bill } }`, or a
 * `reconciliation.mismatch` with `data.reconciliation`, as UTF-8 JSON; `undefined` when it is neither. Read only after
 * the signature verified, so it is the pay server's own body.
 */
export function readEventBody(body: Uint8Array): AnyEventBody | undefined {
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(body));
  } catch {
    return undefined;
  }
  if (!isRecord(value) || !isEventType(value.type) || typeof value.timestamp !== 'string') return undefined;
  const data = value.data;
  if (value.type === 'reconciliation.mismatch') {
    if (!isRecord(data) || !isRecord(data.reconciliation) || !Array.isArray(data.items)) return undefined;
    return value as unknown as AnyEventBody;
  }
  if (!isRecord(data) || !isRecord(data.bill)) return undefined;
  if (typeof data.bill.id !== 'string' || !isBillState(data.bill.state)) return undefined;
  return value as unknown as AnyEventBody;
}
