import { get } from './api.js';
import { action, h, money, table, time } from './dom.js';

async function showRun(panel, id, tz) {
  const { reconciliation: run, items } = await get(`reconciliations/${encodeURIComponent(id)}`);
  const mismatches = items.filter((item) => item.kind !== 'matched' && item.kind !== 'deferred');
  panel.replaceChildren(
    h('h3', {}, `${run.appId} · ${run.channel} · ${run.date} (${run.source}, ${time(run.createdAt, tz)})`),
    h('p', {}, `${run.lines} settlement lines · ${run.counts.matched} matched · ${run.mismatches} mismatches`),
    table(
      [
        { key: 'kind', label: 'Kind', format: (i) => h('span', { class: `badge ${i.kind}` }, i.kind) },
        { key: 'billId', label: 'Bill' },
        { key: 'channelTradeNo', label: 'Channel trade no.' },
        {
          key: 'bill',
          label: 'Here',
          format: (i) => (i.billAmount === null ? '—' : `${money(i.billAmount, i.billCurrency)} ${i.billState}`),
        },
        {
          key: 'channel',
          label: 'At the channel',
          format: (i) => (i.channelCurrency ? money(i.channelPaid, i.channelCurrency) : '—'),
        },
        { key: 'detail', label: 'Why' },
      ],
      mismatches,
      { id: 'mismatches' },
    ),
  );
}

/** Reconciliation runs (docs/reconciliation.md) and, for the chosen one, its mismatches. */
export async function reconciliation(view, filters) {
  const { reconciliations: runs } = await get('reconciliations', { app: filters.app });
  const panel = h('div', { class: 'card', id: 'reconciliation-detail' });
  view.append(
    h('h2', {}, 'Reconciliation'),
    table(
      [
        {
          key: 'date',
          label: 'Day',
          format: (r) => action(r.date, '#reconciliation', () => showRun(panel, r.id, filters.tz)),
        },
        { key: 'appId', label: 'Game' },
        { key: 'channel', label: 'Channel' },
        { key: 'source', label: 'Source' },
        { key: 'lines', label: 'Lines' },
        { key: 'matched', label: 'Matched', format: (r) => r.counts.matched },
        {
          key: 'mismatches',
          label: 'Mismatches',
          format: (r) => h('span', { class: r.mismatches ? 'badge bad' : 'badge ok' }, r.mismatches),
        },
      ],
      runs,
      { id: 'reconciliation-runs', class: 'card' },
    ),
    panel,
  );
  if (runs[0]) await showRun(panel, runs[0].id, filters.tz);
}
