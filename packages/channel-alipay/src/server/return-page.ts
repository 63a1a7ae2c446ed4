import { RETURN_PARAMETER } from '../return-message.js';

const escapeHtml = (value: string) =>
  value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** Inline JSON for a `<script type="application/json">`, safe against `</script>`. */
const inlineJson = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c');

/**
 * The return page (Alipay's `return_url`): where Alipay sends the buyer's browser after page pay. It decides
 * nothing — Alipay's signed notification does — it only tells the game the buyer is back: in a popup, it posts
 * `{ source: 'coinslot-alipay', billId }` to the opener and closes; after a redirect, it sends the player to the
 * game's return URL with `?alipayReturn=<billId>`; otherwise it asks the player to go back to the game.
 */
export function returnPage(billId: string | undefined, gameUrl: string | undefined, nonce: string): string {
  const back = gameUrl && billId ? new URL(gameUrl) : undefined;
  back?.searchParams.set(RETURN_PARAMETER, billId!);
  const config = inlineJson({ billId: billId ?? null, back: back?.href ?? null });
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Payment submitted</title></head>
<body>
<p>Payment submitted${billId ? ` for order ${escapeHtml(billId)}` : ''}. You can return to the game.</p>
<script type="application/json" id="config">${config}</script>
<script nonce="${nonce}">
const config = JSON.parse(document.getElementById('config').textContent);
if (config.billId && window.opener && !window.opener.closed) {
  window.opener.postMessage({ source: 'coinslot-alipay', billId: config.billId }, '*');
  window.close();
} else if (config.back) {
  location.replace(config.back);
}
</script>
</body></html>
`;
}

/** The return page's own headers: its nonce'd script only, no framing, no referrer (the query carries the trade). */
export function returnPageHeaders(nonce: string): Record<string, string> {
  return {
    'content-type': 'text/html; charset=utf-8',
    'content-security-policy': `default-src 'none'; script-src 'nonce-${nonce}'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`,
    'x-frame-options': 'DENY',
    'referrer-policy': 'no-referrer',
  };
}
