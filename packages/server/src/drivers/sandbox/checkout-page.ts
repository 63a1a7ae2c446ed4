import type { Bill } from '@coinslot/protocol';
import { REVERSAL_SCRIPT, REVERSAL_STYLE, reversalControls, settledNote } from './checkout-reversal-controls.js';
import { formatAmount } from './format-amount.js';

/** What the checkout page shows and where it sends the decision. */
export interface CheckoutPageInput {
  bill: Readonly<Bill>;
  /** The decide URL, relative to the page (carries the token). */
  decideUrl: string;
  /** The development refund and chargeback URLs, relative to the page (carry the token). */
  reverseUrls: { refund: string; chargeback: string };
  /** The CSP nonce of the page's script and style. */
  nonce: string;
  /** Where a redirect checkout returns, already checked against the allowed origins (return-url.ts). */
  returnUrl?: string | undefined;
}

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** JSON safe inside `<script>`: no `</script>`, no `<!--`. */
const scriptJson = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c');

/** The script: posts the decision, then tells the opener (popup), follows `returnUrl` (redirect) or shows the outcome. */
const SCRIPT = `
const config = JSON.parse(document.getElementById('checkout-config').textContent);
const params = new URLSearchParams(location.search);
const mode = params.get('mode') === 'client' ? 'client' : 'server';
const status = document.getElementById('status');
const buttons = [...document.querySelectorAll('button[data-decision]')];
async function decide(decision) {
  buttons.forEach((b) => (b.disabled = true));
  status.textContent = 'Sending…';
  let answer;
  try {
    const res = await fetch(config.decideUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ decision, mode }) });
    answer = await res.json();
    if (!res.ok) throw new Error(answer.error ? answer.error.code + ': ' + answer.error.message : 'HTTP ' + res.status);
  } catch (error) {
    status.textContent = 'Could not send the decision (' + error.message + ').';
    status.className = 'error';
    return;
  }
  const message = { source: 'coinslot-sandbox', billId: config.billId, decision };
  if (answer.proof) message.proof = answer.proof;
  // No secret in the message (the proof is verified server-side), so any target origin is acceptable.
  if (window.opener && !window.opener.closed) {
    window.opener.postMessage(message, '*');
    window.close();
    return;
  }
  // The server checked returnUrl against its allowed origins; the query string is never followed as it is.
  if (config.returnUrl) {
    const target = new URL(config.returnUrl);
    target.searchParams.set('sandboxResult', JSON.stringify(message));
    location.assign(target.href);
    return;
  }
  status.textContent = 'Decision sent: ' + decision + '. You can close this page.';
  status.className = 'done';
}
buttons.forEach((b) => b.addEventListener('click', () => decide(b.dataset.decision)));
${REVERSAL_SCRIPT}`;

const STYLE = `
body { font: 16px/1.5 system-ui, sans-serif; background: #f3f4f6; margin: 0; display: grid; place-items: center; min-height: 100vh; }
main { background: #fff; border-radius: 12px; box-shadow: 0 4px 24px #0002; padding: 28px 32px; width: min(360px, 90vw); }
h1 { font-size: 14px; text-transform: uppercase; letter-spacing: .08em; color: #6b7280; margin: 0 0 16px; }
.item { font-size: 18px; font-weight: 600; } .amount { font-size: 32px; font-weight: 700; margin: 4px 0 20px; }
.actions { display: grid; gap: 8px; } button { font: inherit; padding: 10px; border-radius: 8px; border: 1px solid #d1d5db; background: #fff; cursor: pointer; }
#approve { background: #16a34a; border-color: #16a34a; color: #fff; } button:disabled { opacity: .5; cursor: default; }
#status { min-height: 1.5em; margin: 16px 0 0; font-size: 14px; color: #374151; } #status.error { color: #b91c1c; } #status.done { color: #15803d; }
small { color: #9ca3af; display: block; margin-top: 12px; word-break: break-all; }
${REVERSAL_STYLE}`;

/** The sandbox checkout page: self-contained HTML (inline style and script under a nonce CSP). */
export function checkoutPage({ bill, decideUrl, reverseUrls, nonce, returnUrl }: CheckoutPageInput): string {
  const open = bill.state === 'created';
  const disabled = open ? '' : ' disabled';
  const config = { billId: bill.id, decideUrl, reverseUrls, returnUrl: returnUrl ?? null };
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Sandbox checkout</title>
<style nonce="${nonce}">${STYLE}</style>
</head>
<body>
<main>
<h1>Coinslot sandbox checkout</h1>
<div class="item">${escapeHtml(bill.itemId)}${bill.quantity > 1 ? ` × ${bill.quantity}` : ''}</div>
<div class="amount">${escapeHtml(formatAmount(bill.amount, bill.currency))}</div>
<div class="actions">
<button id="approve" data-decision="approve"${disabled}>Approve</button>
<button id="decline" data-decision="decline"${disabled}>Decline</button>
<button id="cancel" data-decision="cancel"${disabled}>Cancel</button>
</div>
${reversalControls(bill)}<p id="status" role="status">${open ? '' : escapeHtml(settledNote(bill))}</p>
<small>Bill ${escapeHtml(bill.id)} — test payment, no money moves.</small>
</main>
<script type="application/json" id="checkout-config">${scriptJson(config)}</script>
<script nonce="${nonce}">${SCRIPT}</script>
</body>
</html>
`;
}

/** The page's Content-Security-Policy: only its own nonce'd script and style, fetches to its own origin, never framed. */
export function checkoutPolicy(nonce: string): string {
  return `default-src 'none'; script-src 'nonce-${nonce}'; style-src 'nonce-${nonce}'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`;
}
