import { get } from './api.js';
import { h, percent, table } from './dom.js';

function reasons(map) {
  const entries = Object.entries(map ?? {});
  return entries.length === 0 ? '—' : entries.map(([reason, n]) => `${reason} × ${n}`).join(', ');
}

/** The funnel per channel: created → launched → paid → delivered, and how the others ended, with failure reasons. */
export async function funnel(view, filters) {
  const report = await get('reports/funnel', { ...filters, groupBy: 'channel' });
  view.append(h('h2', {}, `Funnel per channel · ${report.from} – ${report.to}`));
  for (const row of report.rows) {
    const steps = ['created', 'launched', 'paid', 'delivered'];
    view.append(
      h(
        'div',
        { class: 'card funnel', 'data-channel': row.channel },
        h('h3', {}, row.channel),
        h(
          'div',
          { class: 'steps' },
          steps.map((step) => {
            const bar = h('div', { class: 'bar' });
            bar.style.width = `${row.created === 0 ? 0 : Math.round((row[step] / row.created) * 100)}%`;
            return h(
              'div',
              { class: 'step' },
              h('span', { class: 'label' }, step),
              h('div', { class: 'track' }, bar),
              h('span', { class: 'num', 'data-step': step }, row[step]),
            );
          }),
        ),
        h(
          'p',
          { class: 'muted' },
          `Paid rate ${percent(row.paidRate)} · open ${row.open} · cancelled ${row.cancelled} · expired ${row.expired} · failed ${row.failed}: ${reasons(row.failureReasons)}`,
        ),
      ),
    );
  }
  if (report.rows.length === 0) view.append(h('p', { class: 'muted' }, 'No bills created in this range.'));
  view.append(
    table(
      [
        { key: 'channel', label: 'Channel' },
        { key: 'created', label: 'Created' },
        { key: 'launched', label: 'Launched' },
        { key: 'paid', label: 'Paid' },
        { key: 'delivered', label: 'Delivered' },
        { key: 'cancelled', label: 'Cancelled' },
        { key: 'expired', label: 'Expired' },
        { key: 'failed', label: 'Failed' },
        { key: 'failureReasons', label: 'Failure reasons', format: (r) => reasons(r.failureReasons) },
      ],
      report.rows,
      { id: 'funnel-table', class: 'card' },
    ),
  );
}
