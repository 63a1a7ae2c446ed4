import type { Bill } from '@coinslot/protocol';
import { formatAmount } from './format-amount.js';
import { REVERSIBLE_STATES, refundedSoFar } from './reverse-bill.js';

// The checkout page's development controls for a paid bill (protocol v1 §7): they post to the sandbox's refund and
// chargeback routes, which notify the pay server like the channel's server would, then reload the page.

/** The controls' script: reads `config.reverseUrls` and the page's `status` (declared by the page's script). */
export const REVERSAL_SCRIPT = `
const reversals = [...document.querySelectorAll('button[data-reversal]')];
async function reverse(kind) {
  reversals.forEach((b) => (b.disabled = true));
  status.textContent = 'Sending…';
  status.className = '';
  const body = kind === 'refund' ? { amount: Number(document.getElementById('refund-amount').value) } : {};
  try {
    const res = await fetch(config.reverseUrls[kind], { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const answer = await res.json();
    if (!res.ok) throw new Error(answer.error ? answer.error.code + ': ' + answer.error.message : 'HTTP ' + res.status);
  } catch (error) {
    status.textContent = 'Could not send the ' + kind + ' (' + error.message + ').';
    status.className = 'error';
    reversals.forEach((b) => (b.disabled = false));
    return;
  }
  location.reload();
}
reversals.forEach((b) => b.addEventListener('click', () => reverse(b.dataset.reversal)));
`;

/** The controls' style. */
export const REVERSAL_STYLE = `
.reversal { border-top: 1px solid #e5e7eb; margin-top: 20px; padding-top: 16px; display: grid; gap: 8px; }
.reversal h2 { font-size: 12px; text-transform: uppercase; letter-spacing: .08em; color: #6b7280; margin: 0; }
.reversal label { font-size: 14px; color: #374151; display: grid; gap: 4px; } .reversal input { font: inherit; padding: 8px; border-radius: 8px; border: 1px solid #d1d5db; }
`;

/** What the page says about a settled bill: its state, and how much was refunded. */
export function settledNote(bill: Readonly<Bill>): string {
  const refunded =
    bill.state === 'refunded'
      ? ` (${formatAmount(refundedSoFar(bill), bill.currency)} of ${formatAmount(bill.amount, bill.currency)} refunded)`
      : '';
  return `This bill is already ${bill.state}${refunded}.`;
}

/**
 * The development controls on a paid bill: refund (in part or whole; the amount in minor units, default what is
 * left) and open a chargeback (lost at once: `charged_back` is final). Empty for a bill whose payment cannot be reversed.
 */
export function reversalControls(bill: Readonly<Bill>): string {
  if (!REVERSIBLE_STATES.includes(bill.state)) return '';
  const left = bill.amount - refundedSoFar(bill);
  const refund =
    left < 1
      ? ''
      : `<label>Refund amount (minor units, up to ${left})<input id="refund-amount" type="number" min="1" max="${left}" step="1" value="${left}"></label>
<button id="refund" data-reversal="refund">Refund</button>
`;
  return `<div class="reversal">
<h2>Development: reverse the payment</h2>
${refund}<button id="chargeback" data-reversal="chargeback">Open chargeback</button>
</div>
`;
}
