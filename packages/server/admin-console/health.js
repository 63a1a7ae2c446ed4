import { get } from './api.js';
import { h, money, table, time } from './dom.js';

/**
 * Channel health over the chosen days: notifications per channel by outcome and webhook attempts per endpoint (from
 * the activity log: every instance's when the store keeps it), the instances up now with their held waits, the
 * webhook backlog, channels per game, bills paid and not delivered.
 */
export async function health(view, filters) {
  const [state, undelivered, audit] = await Promise.all([
    get('health', filters),
    get('reports/undelivered', filters),
    get('admin-actions', { app: filters.app }),
  ]);
  const scope = state.sharedLog ? 'every instance' : `this instance (${state.thisInstance}) since it started`;
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
        h(
          'div',
          { class: 'label' },
          `Held waits (${state.instances.length} instance${state.instances.length === 1 ? '' : 's'})`,
        ),
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
    h('h3', {}, `Notifications per channel (${scope})`),
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
    h('h3', {}, 'Webhook endpoints'),
    table(
      [
        { key: 'app', label: 'Game' },
        { key: 'endpoint', label: 'Endpoint' },
        { key: 'sent', label: 'Sent' },
        {
          key: 'failed',
          label: 'Failed attempts',
          format: (r) => h('span', { class: r.failed ? 'badge bad' : 'badge ok' }, r.failed),
        },
        { key: 'lastFailure', label: 'Last failure', format: (r) => r.lastFailure ?? '—' },
        { key: 'lastAttemptAt', label: 'Last attempt', format: (r) => time(r.lastAttemptAt, filters.tz) },
      ],
      state.webhooks,
      { id: 'webhooks', class: 'card' },
    ),
    h('h3', {}, 'Instances'),
    table(
      [
        {
          key: 'instanceId',
          label: 'Instance',
          format: (r) => (r.instanceId === state.thisInstance ? `${r.instanceId} (answering)` : r.instanceId),
        },
        { key: 'heldWaits', label: 'Held waits' },
        { key: 'startedAt', label: 'Started', format: (r) => time(r.startedAt, filters.tz) },
        { key: 'seenAt', label: 'Last report', format: (r) => time(r.seenAt, filters.tz) },
      ],
      state.instances,
      { id: 'instances', class: 'card' },
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
  view.append(
    h('h3', {}, 'Admin actions'),
    table(
      [
        { key: 'at', label: 'When', format: (r) => time(r.at, filters.tz) },
        { key: 'actor', label: 'Who' },
        { key: 'outcome', label: 'What' },
        { key: 'appId', label: 'Game', format: (r) => (r.appId === '*' ? 'all' : r.appId) },
        { key: 'detail', label: 'Detail', format: (r) => r.detail ?? '' },
      ],
      audit.actions,
      { id: 'admin-actions', class: 'card' },
    ),
  );
}
