import { SteamApiError } from './steam-api-error.js';

/** Steam's refusal inside a `Failure` answer (Appendix B of the MicroTxn guide). */
export interface SteamFailure {
  errorcode: number;
  errordesc: string;
}

/** A MicroTxn answer: Steam's `params` on `OK`, its `error` on `Failure`. */
export type SteamResult = { ok: true; params: Record<string, unknown> } | { ok: false; error: SteamFailure };

/** Where and as whom the driver calls Steam. */
export interface SteamWebApiOptions {
  /** `https://partner.steam-api.com`, or an emulator's URL. */
  baseUrl: string;
  /** `ISteamMicroTxn`, or `ISteamMicroTxnSandbox` while testing. */
  iface: 'ISteamMicroTxn' | 'ISteamMicroTxnSandbox';
  /** The publisher Web API key (secret): sent as `key`, in the form body of every POST. */
  key: string;
  /** @default globalThis.fetch */
  fetch?: typeof fetch;
  /** How long one call may take, in ms. @default 10000 */
  timeoutMs?: number;
}

/** The MicroTxn methods the driver uses, with the versions it speaks. */
export interface SteamWebApi {
  initTxn(params: Record<string, string>): Promise<SteamResult>;
  finalizeTxn(params: { orderid: string; appid: string }): Promise<SteamResult>;
  queryTxn(params: { orderid: string; appid: string }): Promise<SteamResult>;
  refundTxn(params: { orderid: string; appid: string }): Promise<SteamResult>;
  getReport(params: { appid: string; type: string; time: string; maxresults: string }): Promise<SteamResult>;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Reads Steam's envelope `{ response: { result, params?, error? } }`; anything else is a {@link SteamApiError}. */
function readEnvelope(method: string, body: unknown): SteamResult {
  const response = isRecord(body) ? body.response : undefined;
  if (!isRecord(response)) throw new SteamApiError(method, 'answered without a "response" object');
  if (response.result === 'OK' && isRecord(response.params)) return { ok: true, params: response.params };
  const error = response.error;
  if (response.result === 'Failure' && isRecord(error) && typeof error.errorcode === 'number')
    return { ok: false, error: { errorcode: error.errorcode, errordesc: String(error.errordesc ?? '') } };
  throw new SteamApiError(method, `answered an unreadable result ${JSON.stringify(response.result)}`);
}

/**
 * A client for Steam's MicroTxn web API over `fetch` — Steam publishes no Node SDK for it, so this is the documented
 * wire format itself: form-encoded POSTs (`application/x-www-form-urlencoded`, UTF-8) and GETs with a query string,
 * JSON answers. The key never appears in an error message (a GET's URL carries it, so URLs are never logged).
 */
export function createSteamWebApi(options: SteamWebApiOptions): SteamWebApi {
  const doFetch = options.fetch ?? globalThis.fetch;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const call = async (verb: 'GET' | 'POST', method: string, version: number, params: Record<string, string>) => {
    const url = new URL(`/${options.iface}/${method}/v${version}/`, options.baseUrl);
    const form = new URLSearchParams({ key: options.key, ...params });
    if (verb === 'GET') url.search = form.toString();
    let response: Response;
    try {
      response = await doFetch(url, {
        method: verb,
        ...(verb === 'POST'
          ? { headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' }, body: form.toString() }
          : {}),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      throw new SteamApiError(method, `could not be reached (${(error as Error).name})`, { retryable: true });
    }
    if (response.status === 403) throw new SteamApiError(method, 'refused the publisher key (403)');
    if (!response.ok)
      throw new SteamApiError(method, `answered HTTP ${response.status}`, { retryable: response.status >= 500 });
    const body: unknown = await response.json().catch(() => undefined);
    return readEnvelope(method, body);
  };
  return {
    initTxn: (params) => call('POST', 'InitTxn', 3, params),
    finalizeTxn: (params) => call('POST', 'FinalizeTxn', 2, params),
    queryTxn: (params) => call('GET', 'QueryTxn', 3, params),
    refundTxn: (params) => call('POST', 'RefundTxn', 2, params),
    getReport: (params) => call('GET', 'GetReport', 5, params),
  };
}
