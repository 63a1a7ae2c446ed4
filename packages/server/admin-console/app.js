import { ApiError, get, login, post, session } from './api.js';
import { bills } from './bills.js';
import { h } from './dom.js';
import { funnel } from './funnel.js';
import { health } from './health.js';
import { overview } from './overview.js';
import { reconciliation } from './reconciliation.js';

const VIEWS = { overview, funnel, health, bills, reconciliation };
const $ = (id) => document.getElementById(id);
const ZONES = [
  'UTC',
  'Asia/Shanghai',
  'Asia/Tokyo',
  'Europe/Berlin',
  'Europe/London',
  'America/New_York',
  'America/Los_Angeles',
];

function filters() {
  const data = Object.fromEntries(new FormData($('filters')));
  return { app: data.app, from: data.from, to: data.to, tz: data.tz || 'UTC' };
}

async function render() {
  const name = location.hash.slice(1) in VIEWS ? location.hash.slice(1) : 'overview';
  for (const a of $('tabs').querySelectorAll('a')) a.classList.toggle('active', a.getAttribute('href') === `#${name}`);
  const view = $('view');
  view.replaceChildren();
  view.dataset.view = name;
  view.setAttribute('aria-busy', 'true');
  try {
    await VIEWS[name](view, filters());
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return showLogin();
    view.append(h('p', { class: 'error', role: 'alert' }, error.message));
  } finally {
    view.setAttribute('aria-busy', 'false');
  }
}

async function showShell(who) {
  $('login').hidden = true;
  $('shell').hidden = false;
  $('who').textContent = who.user;
  const select = $('filters').elements.app;
  if (select.options.length === 1) {
    const { apps } = await get('apps');
    for (const app of apps) select.append(h('option', { value: app }, app));
    for (const zone of ZONES) $('zones').append(h('option', { value: zone }));
    const today = new Date().toISOString().slice(0, 10);
    const from = new Date(Date.now() - 29 * 86_400_000).toISOString().slice(0, 10);
    $('filters').elements.from.value ||= from;
    $('filters').elements.to.value ||= today;
  }
  await render();
}

function showLogin() {
  $('shell').hidden = true;
  $('login').hidden = false;
  $('login-form').elements.name.focus();
}

$('login-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const form = event.target;
  $('login-error').textContent = '';
  try {
    const who = await login(form.elements.name.value, form.elements.password.value);
    form.elements.password.value = '';
    await showShell(who);
  } catch (error) {
    $('login-error').textContent = error.status === 429 ? 'Too many failed logins. Try again later.' : error.message;
  }
});
$('logout').addEventListener('click', async () => {
  await post('logout');
  location.hash = '';
  showLogin();
});
$('filters').addEventListener('submit', (event) => {
  event.preventDefault();
  void render();
});
window.addEventListener('hashchange', () => void render());

const who = await session();
if (who) await showShell(who);
else showLogin();
