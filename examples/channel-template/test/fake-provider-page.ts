/** What the fake provider's checkout page shows. */
export interface CheckoutPageInput {
  sessionId: string;
  reference: string;
  description: string;
  amount: number;
  currency: string;
}

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/**
 * The fake provider's hosted checkout page, as a real provider would serve it: Approve / Decline / Cancel. A button
 * posts the decision to the provider (which notifies the pay server), then the page tells the game how it ended —
 * `postMessage` to the opener in a popup, else a redirect to `return_url` with the message in its query — exactly
 * the {@link ExampleHostedMessage} the adapter reads. Open a checkout URL in a browser to try it by hand.
 */
export function checkoutPage(input: CheckoutPageInput): string {
  const config = JSON.stringify({ sessionId: input.sessionId, billId: input.reference }).replace(/</g, '\\u003c');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Example Hosted Pay</title></head>
<body>
<h1>Example Hosted Pay (test mode)</h1>
<p>${escapeHtml(input.description)}: ${input.amount} ${escapeHtml(input.currency.toUpperCase())} (minor units)</p>
<button data-decision="approve">Approve</button>
<button data-decision="decline">Decline</button>
<button data-decision="cancel">Cancel</button>
<p id="status" role="status"></p>
<script type="application/json" id="config">${config}</script>
<script>
const config = JSON.parse(document.getElementById('config').textContent);
const statusOf = { approve: 'approved', decline: 'declined', cancel: 'cancelled' };
for (const button of document.querySelectorAll('button')) {
  button.addEventListener('click', async () => {
    const decision = button.dataset.decision;
    const answer = await fetch(location.pathname + '/decide', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ decision }) });
    if (!answer.ok) { document.getElementById('status').textContent = 'Failed: HTTP ' + answer.status; return; }
    const message = { source: 'coinslot-example-hosted', billId: config.billId, status: statusOf[decision] };
    if (window.opener && !window.opener.closed) { window.opener.postMessage(message, '*'); window.close(); return; }
    const back = new URLSearchParams(location.search).get('return_url');
    if (back) { const url = new URL(back); url.searchParams.set('exampleHostedResult', JSON.stringify(message)); location.assign(url.href); return; }
    document.getElementById('status').textContent = 'Done: ' + message.status;
  });
}
</script>
</body></html>
`;
}
