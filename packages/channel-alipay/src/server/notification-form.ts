/**
 * Alipay's asynchronous notification body: `application/x-www-form-urlencoded`, UTF-8 (the `charset` the requests
 * named). Read strictly: bytes that are not UTF-8, and a parameter given twice, are refused rather than guessed —
 * the signature covers one value per name.
 *
 * @returns the parameters, or a string saying what is wrong
 */
export function readNotificationForm(request: Request, rawBody: Uint8Array): Record<string, string> | string {
  const type = request.headers.get('content-type') ?? '';
  if (!/^application\/x-www-form-urlencoded\b/i.test(type))
    return 'the body is not a form (application/x-www-form-urlencoded)';
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(rawBody);
  } catch {
    return 'the body is not UTF-8';
  }
  const params: Record<string, string> = {};
  for (const [key, value] of new URLSearchParams(text)) {
    if (Object.hasOwn(params, key)) return `the parameter ${key.slice(0, 40)} is given twice`;
    params[key] = value;
  }
  return params;
}
