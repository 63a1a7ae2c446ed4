import { get } from './api.js';
import { h, money, percent, table } from './dom.js';

function card(label, value, key) {
  return h(
    'div',
    { class: 'card stat', 'data-card': key },
    h('div', { class: 'label' }, label),
    h('div', { class: 'value' }, value),
  );
}

/** Every local day from `from` to `to` (YYYY-MM-DD), so days without payments still show on the chart. */
function days(from, to) {
  const out = [];
  for (let d = new Date(`${from}T00:00:00Z`); d <= new Date(`${to}T00:00:00Z`); d.setUTCDate(d.getUTCDate() + 1)) {
    out.push(d.toISOString().slice(0, 10));
  }
  return out;
}

function chart(el, labels, gross, net, currency) {
  const scale = (v) => v / 100;
  const opts = {
    width: Math.max(320, el.clientWidth - 8),
    height: 260,
    series: [
      { label: 'Day', value: (_u, i) => (i === null ? '—' : labels[i]) },
      { label: `Gross ${currency}`, stroke: '#4f46e5', fill: 'rgba(79,70,229,0.10)', width: 2 },
      { label: `Net ${currency}`, stroke: '#059669', width: 2 },
    ],
    axes: [{ values: (_u, ticks) => ticks.map((t) => labels[t]?.slice(5) ?? '') }, { size: 60 }],
    scales: { x: { time: false } },
  };
  // eslint-disable-next-line no-undef -- uPlot is the vendored library's global (vendor/uPlot.iife.min.js)
  return new uPlot(opts, [labels.map((_, i) => i), gross.map(scale), net.map(scale)], el);
}

/** Overview: cards per currency (gross, net, paid bills, paying players, refund rate) and the daily revenue chart. */
export async function overview(view, filters) {
  const [revenue, payers, reversals, daily] = await Promise.all([
    get('reports/revenue', { ...filters, groupBy: 'currency' }),
    get('reports/payers', filters),
    get('reports/reversals', { ...filters, groupBy: 'currency' }),
    get('reports/revenue', { ...filters, groupBy: 'day,currency' }),
  ]);
  view.append(h('h2', {}, `Overview · ${revenue.from} – ${revenue.to} (${revenue.tz})`));
  if (revenue.rows.length === 0) view.append(h('p', { class: 'muted' }, 'No paid bills in this range.'));
  for (const row of revenue.rows) {
    const c = row.currency;
    const players = payers.rows.find((r) => r.currency === c)?.payingPlayers ?? 0;
    const refundRate = reversals.rows.find((r) => r.currency === c)?.refundRate ?? 0;
    view.append(
      h(
        'div',
        { class: 'cards', 'data-currency': c },
        card(`Gross (${c})`, money(row.gross, c), 'gross'),
        card(`Net (${c})`, money(row.net, c), 'net'),
        card('Paid bills', row.payments, 'payments'),
        card('Paying players', players, 'payingPlayers'),
        card('Refund rate', percent(refundRate), 'refundRate'),
      ),
    );
  }
  const currency = revenue.rows[0]?.currency;
  if (!currency) return;
  const labels = days(revenue.from, revenue.to);
  const byDay = new Map(daily.rows.filter((r) => r.currency === currency).map((r) => [r.day, r]));
  const gross = labels.map((d) => byDay.get(d)?.gross ?? 0);
  const net = labels.map((d) => byDay.get(d)?.net ?? 0);
  const holder = h('div', { class: 'card chart', id: 'revenue-chart' });
  view.append(h('h3', {}, `Revenue per day (${currency})`), holder);
  chart(holder, labels, gross, net, currency);
  const rows = labels.map((day, i) => ({ day, gross: gross[i], net: net[i] })).filter((r) => r.gross || r.net);
  view.append(
    h(
      'details',
      { class: 'card' },
      h('summary', {}, 'Daily figures'),
      table(
        [
          { key: 'day', label: 'Day' },
          { key: 'gross', label: 'Gross', format: (r) => money(r.gross, currency) },
          { key: 'net', label: 'Net', format: (r) => money(r.net, currency) },
        ],
        rows,
        { id: 'daily-figures' },
      ),
    ),
  );
}
