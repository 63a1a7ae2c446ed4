import { get } from './api.js';
import { h, money, table } from './dom.js';

/** Channel health: webhook backlog, held waits on this instance, channels per game, bills paid and not delivered. */
export async function health(view, filters) {
  const [state, undelivered] = await Promise.all([get('health'), get('reports/undelivered', filters)]);
  view.append(h('h2', {}, 'Channel health'));
  const backlog = state.webhookBacklog;
  view.append(
    h(
      'div',
      { class: 'cards' },
      h(
        'div',
        { class: 'card stat', 'data-card': 'backlog' },
        h('div', { class: 'label' }, 'Webhook backlog'),
        h('div', { class: 'value' }, backlog ? `oldest ${Math.round(backlog.ageMs / 1000)} s` : 'none'),
      ),
      h(
        'div',
        { class: 'card stat', 'data-card': 'heldWaits' },
        h('div', { class: 'label' }, 'Held waits (this instance)'),
        h('div', { class: 'value' }, state.heldWaits),
      ),
      h(
        'div',
        { class: 'card stat', 'data-card': 'undelivered' },
        h('div', { class: 'label' }, 'Paid, not delivered'),
        h('div', { class: 'value' }, undelivered.total ?? undelivered.rows.length),
      ),
    ),
  );
  view.append(
    h('h3', {}, 'Notifications per channel (this instance, since it started)'),
    table(
      [
        { key: 'app', label: 'Game' },
        { key: 'channel', label: 'Channel' },
        { key: 'accepted', label: 'Accepted' },
        { key: 'ignored', label: 'Ignored' },
        { key: 'rejected', label: 'Rejected' },
        {
          key: 'refused',
          label: 'Signature failures (possible forgery)',
          format: (r) => h('span', { class: r.refused ? 'badge bad' : 'badge ok' }, r.refused),
        },
        { key: 'lastRefusedReason', label: 'Last failure', format: (r) => r.lastRefusedReason ?? '—' },
      ],
      state.notifications,
      { id: 'notifications', class: 'card' },
    ),
  );
  view.append(
    h('h3', {}, 'Channels'),
    table(
      [
        { key: 'app', label: 'Game' },
        { key: 'channels', label: 'Channels', format: (r) => r.channels.join(', ') },
      ],
      state.channels,
      { class: 'card' },
    ),
  );
  view.append(
    h('h3', {}, 'Paid but not delivered'),
    table(
      [
        { key: 'id', label: 'Bill' },
        { key: 'app', label: 'Game' },
        { key: 'channel', label: 'Channel' },
        { key: 'waitingMinutes', label: 'Waiting (min)' },
        { key: 'amount', label: 'Amount', format: (r) => money(r.amount, r.currency) },
      ],
      undelivered.rows,
      { class: 'card' },
    ),
  );
}
