import type { SessionRecord } from './stripe-ledger.js';

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** `49900 jpy` → `¥49,900`, in Stripe's units (two decimals unless zero-decimal or three-decimal). */
function formatAmount(amount: number, currency: string): string {
  try {
    const format = new Intl.NumberFormat('en', { style: 'currency', currency: currency.toUpperCase() });
    const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
    return format.format(amount / 10 ** digits);
  } catch {
    return `${amount} ${currency}`;
  }
}

/**
 * The emulator's hosted checkout page — what `session.url` shows, standing in for Stripe's card form: the
 * order, and one button per {@link CheckoutDecision}. A button posts the decision to the emulator, which sends the
 * webhooks, then the page goes where Stripe would send the browser (`success_url` or `cancel_url`) or shows the
 * decline. Open a session's URL in a browser to try it by hand.
 */
export function checkoutPage(record: SessionRecord, decideUrl: string): string {
  const { session, lines } = record;
  const items = lines
    .map(
      (line) =>
        `<li>${escapeHtml(line.name)} × ${line.quantity}: ${formatAmount(line.unitAmount * line.quantity, session.currency)}</li>`,
    )
    .join('');
  const open = session.status === 'open';
  const buttons = open
    ? `<button data-decision="pay">Pay ${formatAmount(session.amount_total, session.currency)} (card 4242 4242 4242 4242)</button>
<button data-decision="pay_delayed">Pay by bank debit (settles later)</button>
<button data-decision="decline">Pay with a declined card (4000 0000 0000 0002)</button>
<button data-decision="leave">← Back</button>`
    : `<p>This Checkout Session is ${escapeHtml(session.status)}: it can no longer be paid.</p>`;
  const config = JSON.stringify({ decideUrl }).replace(/</g, '\\u003c');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Stripe Checkout (emulator)</title></head>
<body>
<h1>Stripe Checkout — emulator, test mode</h1>
<ul>${items}</ul>
<p>Total: <strong>${formatAmount(session.amount_total, session.currency)}</strong></p>
${buttons}
<p id="status" role="status"></p>
<script type="application/json" id="config">${config}</script>
<script>
const config = JSON.parse(document.getElementById('config').textContent);
const status = document.getElementById('status');
for (const button of document.querySelectorAll('button[data-decision]')) {
  button.addEventListener('click', async () => {
    const answer = await fetch(config.decideUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ decision: button.dataset.decision }) });
    const body = await answer.json().catch(() => ({}));
    if (!answer.ok) { status.textContent = (body.error && body.error.message) || ('HTTP ' + answer.status); return; }
    if (body.redirect) { location.assign(body.redirect); return; }
    status.textContent = body.message || 'Done.';
  });
}
</script>
</body></html>
`;
}
