import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * WeChat Pay API v2's `HMAC-SHA256` signature: the fields other than `sign` with a non-empty value, sorted by name
 * (ASCII), as `k=v` joined by `&`, then `&key=<APIv2 key>`; HMAC-SHA256 of that text keyed with the APIv2 key, in
 * upper-case hex.
 */
export function v2Signature(fields: Readonly<Record<string, string>>, apiV2Key: string): string {
  const text = Object.keys(fields)
    .filter((key) => key !== 'sign' && fields[key] !== '')
    .sort()
    .map((key) => `${key}=${fields[key]}`)
    .join('&');
  return createHmac('sha256', apiV2Key).update(`${text}&key=${apiV2Key}`, 'utf8').digest('hex').toUpperCase();
}

/** Whether `fields.sign` is the v2 signature of the other fields (compared in constant time). */
export function hasV2Signature(fields: Readonly<Record<string, string>>, apiV2Key: string): boolean {
  const given = Buffer.from(fields.sign ?? '', 'utf8');
  const expected = Buffer.from(v2Signature(fields, apiV2Key), 'utf8');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
