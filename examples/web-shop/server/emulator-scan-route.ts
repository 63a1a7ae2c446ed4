import { error, isJsonPost, json } from './json-answers.js';

/** The longest code the route reads: a `weixin://` or emulator link is far shorter. */
const MAX_CODE_LENGTH = 2048;

/**
 * `POST /api/emulators/scan` `{ "code" }`, only when the shop runs with emulators: the development control next to
 * a QR code plays the player's phone — the emulator that issued `code` pays its order and notifies the pay server,
 * exactly as the provider would after a real scan. It grants nothing itself: the coins still come from the pay
 * server's `bill.paid` webhook to the backend. Answers `{ channel }`; `401` without a session, `400` without a code,
 * `404` when no emulator issued it, `409` when its order can no longer be paid (closed, expired, already paid).
 */
export function emulatorScanRoute(
  scanAndPay: (code: string) => Promise<string | undefined>,
  playerOf: (request: Request) => string | undefined,
): (request: Request) => Promise<Response> {
  return async (request) => {
    if (!isJsonPost(request)) return error(415, 'UNSUPPORTED_MEDIA_TYPE', 'send the code as application/json');
    if (playerOf(request) === undefined) return error(401, 'NOT_LOGGED_IN', 'log in first');
    const code = ((await request.json().catch(() => null)) as { code?: unknown } | null)?.code;
    if (typeof code !== 'string' || code === '' || code.length > MAX_CODE_LENGTH)
      return error(400, 'INVALID_CODE', 'send the QR code’s text as "code"');
    try {
      const channel = await scanAndPay(code);
      return channel === undefined
        ? error(404, 'UNKNOWN_CODE', 'no emulator issued this code')
        : json(200, { channel });
    } catch (cause) {
      const message = cause instanceof Error ? cause.message : String(cause);
      return error(409, 'NOT_PAYABLE', `the emulator could not pay this order: ${message}`);
    }
  };
}
