import { readCappedBody, type SettlementDay, type SettlementRecord } from '@coinslot/server';
import type { AlipaySdk } from 'alipay-sdk';
import { parseAlipayBill } from './alipay-bill-file.js';

/** Alipay's bills are kept by the Beijing calendar day. */
export const ALIPAY_SETTLEMENT_TIME_ZONE = 'Asia/Shanghai';
/** The largest bill file the driver reads: a day's zip of a busy game is a few MiB. */
const MAX_BILL_BYTES = 64 * 1024 * 1024;

/**
 * Alipay's settlement of `day` (a Beijing calendar day): `alipay.data.dataservice.bill.downloadurl.query` with
 * `bill_type` `trade` through the official SDK (signed, its answer's `sign` verified), then the zip at
 * `bill_download_url` — a short-lived URL Alipay signs itself, fetched without credentials — parsed by
 * {@link parseAlipayBill}. Alipay answers `isp.bill_not_exist` until the day's bill is made (after 09:00 the next day).
 * @throws Error when Alipay refuses or cannot be reached
 */
export async function fetchAlipaySettlement(
  sdk: AlipaySdk,
  day: SettlementDay,
  timeoutMs: number,
): Promise<SettlementRecord[]> {
  const answer = await sdk.exec(
    'alipay.data.dataservice.bill.downloadurl.query',
    { bizContent: { bill_type: 'trade', bill_date: day.date } },
    { validateSign: true },
  );
  const url = answer.bill_download_url;
  if (answer.code !== '10000' || typeof url !== 'string')
    throw new Error(`bill.downloadurl.query answered ${answer.code} ${answer.sub_code ?? ''}`.trim());
  const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
  if (!response.ok) throw new Error(`the bill download answered HTTP ${response.status}`);
  const bytes = await readCappedBody(response, MAX_BILL_BYTES);
  if (bytes === undefined) throw new Error(`the bill file is over ${MAX_BILL_BYTES} bytes`);
  return parseAlipayBill(bytes);
}
