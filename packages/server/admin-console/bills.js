import { get } from './api.js';
import { action, h, money, table, time } from './dom.js';

async function showBill(panel, id, tz) {
  panel.replaceChildren(h('p', { class: 'muted' }, 'Loading…'));
  const { bill, timeline } = await get(`bills/${encodeURIComponent(id)}`);
  panel.replaceChildren(
    h('h3', {}, `Bill ${bill.id}`),
    h(
      'dl',
      { class: 'facts' },
      [
        ['Game', bill.appId],
        ['Player', bill.userId],
        ['Item', `${bill.itemId} × ${bill.quantity ?? 1}`],
        ['Amount', money(bill.amount, bill.currency)],
        ['Channel', bill.channel],
        ['State', bill.state],
      ].flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, v)]),
    ),
    h('h3', {}, 'Timeline'),
    h(
      'ol',
      { class: 'timeline', id: 'timeline' },
      timeline.map((step) =>
        h(
          'li',
          {},
          h('time', {}, time(step.at, tz)),
          h('strong', {}, step.what),
          h('span', { class: 'who' }, step.who),
          step.detail ? h('span', { class: 'muted' }, step.detail) : null,
        ),
      ),
    ),
  );
}

/**
 * Bill search by bill id, player id or the channel's trade number; a bill's detail with its timeline (who did each
 * step, notifications, webhook attempts, events).
 */
export async function bills(view, filters) {
  const panel = h('div', { class: 'card', id: 'bill-detail' });
  const results = h('div', { id: 'bill-results' });
  const form = h(
    'form',
    { class: 'search', id: 'bill-search' },
    h('input', {
      name: 'q',
      placeholder: 'Bill id, player id or channel trade number',
      required: true,
      maxlength: '128',
      'aria-label': 'Search bills',
    }),
    h('button', { type: 'submit' }, 'Search'),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const q = new FormData(form).get('q');
    const { bills: found } = await get('bills', { q, app: filters.app });
    const list = table(
      [
        {
          key: 'id',
          label: 'Bill',
          format: (b) => action(b.id, '#bills', () => showBill(panel, b.id, filters.tz)),
        },
        { key: 'userId', label: 'Player' },
        { key: 'channel', label: 'Channel' },
        { key: 'state', label: 'State' },
        { key: 'amount', label: 'Amount', format: (b) => money(b.amount, b.currency) },
        { key: 'createdAt', label: 'Created', format: (b) => time(b.createdAt, filters.tz) },
      ],
      found,
      { class: 'card' },
    );
    results.replaceChildren(list);
    if (found.length === 1) await showBill(panel, found[0].id, filters.tz);
  });
  view.append(h('h2', {}, 'Bills'), form, results, panel);
}
