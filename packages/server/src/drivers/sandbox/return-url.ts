import { ProtocolError } from '../../http/protocol-error.js';

/** Where a redirect checkout may send the player back to: a list of origins, or `'*'` (any http(s) URL; development). */
export type ReturnUrlOrigins = readonly string[] | '*';

const refuse = (why: string) => new ProtocolError('INVALID_FIELD', `returnUrl ${why}`, { field: 'returnUrl' });

/**
 * The checkout's `returnUrl`, checked: an absolute `http(s)` URL (so no `//host`, `/\host` or other relative form a
 * browser would resolve elsewhere) whose origin is the pay server's own or one of `allowed`. Answers the URL as the
 * browser will read it (`href`), which is what the page follows — never the raw text. Anything else answers
 * `400 INVALID_FIELD` naming `returnUrl`, so the checkout cannot be an open redirect.
 */
export function checkReturnUrl(raw: string, allowed: ReturnUrlOrigins, ownOrigin: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw refuse('must be an absolute http(s) URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw refuse('must be an absolute http(s) URL');
  if (url.username !== '' || url.password !== '') throw refuse('must not carry credentials');
  if (allowed !== '*' && url.origin !== ownOrigin && !allowed.includes(url.origin)) {
    throw refuse(`must be on an allowed origin (${url.origin} is not one; see returnUrlOrigins)`);
  }
  return url.href;
}
