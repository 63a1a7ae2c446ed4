import { fenToYuan } from './alipay-values.js';
import type { EmulatedTrade } from './emulated-trade.js';

const escapeHtml = (value: string) =>
  value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** Inline JSON for a `<script type="application/json">`, safe against `</script>`. */
const inlineJson = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c');

function page(title: string, trade: EmulatedTrade, hint: string): string {
  const config = inlineJson({ outTradeNo: trade.outTradeNo });
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>
<body>
<h1>${escapeHtml(title)} (emulator, test keys)</h1>
<p>${escapeHtml(trade.subject)}: <strong>¥${fenToYuan(trade.totalFen)}</strong> · trade ${escapeHtml(trade.tradeNo)}</p>
<p>${escapeHtml(hint)}</p>
<button data-action="pay">Pay</button>
<button data-action="decline">Refuse the payment</button>
<button data-action="cancel">Cancel</button>
<p id="status" role="status"></p>
<script type="application/json" id="config">${config}</script>
<script>
const config = JSON.parse(document.getElementById('config').textContent);
const status = document.getElementById('status');
for (const button of document.querySelectorAll('button')) {
  button.addEventListener('click', async () => {
    const action = button.dataset.action;
    if (action === 'cancel') {
      if (window.opener && !window.opener.closed) { window.close(); return; }
      if (history.length > 1) { history.back(); return; }
      status.textContent = 'Cancelled: close this page.';
      return;
    }
    const answer = await fetch('/__emulator/trades/' + encodeURIComponent(config.outTradeNo) + '/' + action, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    const body = await answer.json();
    if (!answer.ok) { status.textContent = 'Refused: ' + (body.error || answer.status); return; }
    if (action === 'decline') { status.textContent = 'Payment refused: not enough balance. Pay another way, or cancel.'; return; }
    if (body.returnUrl) { location.assign(body.returnUrl); return; }
    status.textContent = 'Paid.';
  });
}
</script>
</body></html>
`;
}

/** Alipay's cashier for a page-pay trade (`alipay.trade.page.pay`): Pay, refuse, or cancel (leave). */
export const cashierPage = (trade: EmulatedTrade): string =>
  page('Alipay cashier', trade, 'Page pay. After paying, Alipay sends the buyer to the return_url.');

/** What the buyer's Alipay app shows after scanning a precreated trade's QR code. */
export const scannedPage = (trade: EmulatedTrade): string =>
  page('Alipay app', trade, 'You scanned the merchant’s QR code.');

/** An error page (a refused page-pay request). */
export const errorPage = (message: string): string =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Alipay error</title></head><body><h1>Alipay (emulator): the request was refused</h1><p>${escapeHtml(message)}</p></body></html>\n`;
