#!/usr/bin/env node
// Screenshots of the admin console for docs/admin/*.png: a pay server (memory store, sandbox channel, a webhook
// endpoint) seeded through its real endpoints with four weeks of bills, one reconciliation with mismatches, then
// each page in Chromium. Build @coinslot/server first, then: node packages/server/scripts/admin-screenshots.mjs
import { createHmac } from 'node:crypto';
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { createPayServer, createSandboxDriver, generateWebhookKey, hashPassword, serveNode } from '../dist/index.js';

const OUT = fileURLToPath(new URL('../../../docs/admin/', import.meta.url));
const SECRET = 'screenshot-sandbox-secret-0123456789';
const USER = { name: 'ops', password: 'screenshots only, not a real password' };
const KEY = `cak_${'s'.repeat(40)}`;
const DAY = 86_400_000;
let clock = Date.now() - 27 * DAY;

const hook = createServer((req, res) => req.resume().on('end', () => res.writeHead(200).end()));
await new Promise((done) => hook.listen(0, '127.0.0.1', done));
const payServer = await createPayServer({
  auth: { development: true },
  now: () => clock,
  drivers: [createSandboxDriver({ secret: SECRET })],
  admin: { keys: [KEY], users: [{ name: USER.name, passwordHash: await hashPassword(USER.password) }] },
  events: { webhookUrl: `http://127.0.0.1:${hook.address().port}/hooks`, signing: await generateWebhookKey() },
  // Report held waits often: the clock jumps ahead while seeding, and the health page lists instances heard from lately.
  activity: { instanceId: 'pay-1', heartbeatIntervalMs: 200 },
});
const node = await serveNode(payServer.handle, { port: 0 });
const post = async (path, body, headers = {}) => {
  const init = {
    method: 'POST',
    body: JSON.stringify(body),
    headers: { 'content-type': 'application/json', ...headers },
  };
  return (await fetch(`${node.url}${path}`, init)).json();
};

// A seeded random walk, so the screenshots are the same on every run.
let seed = 7;
const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
const ITEMS = [
  ['gem-pack-small', 499],
  ['gem-pack-large', 1999],
  ['season-pass', 999],
  ['starter-bundle', 299],
];
const paid = [];
for (let day = 0; day < 28; day += 1) {
  clock = Date.now() - (27 - day) * DAY - 6 * 3_600_000;
  const count = 3 + Math.floor(random() * (4 + day / 4));
  for (let i = 0; i < count; i += 1) {
    clock += 600_000;
    const [itemId, amount] = ITEMS[Math.floor(random() * ITEMS.length)];
    const userId = `player-${1 + Math.floor(random() * 40)}`;
    const body = { userId, itemId, quantity: 1, amount, currency: 'USD', channel: 'sandbox' };
    const created = await post('/v1/bills', body, { 'idempotency-key': `screenshot-${day}-${i}` });
    if (!created.bill) throw new Error(JSON.stringify(created));
    const { bill } = created;
    await post(`/v1/bills/${bill.id}/launch`, {});
    const roll = random();
    if (roll < 0.12) continue;
    const decision = roll < 0.2 ? 'decline' : roll < 0.25 ? 'cancel' : 'approve';
    const statement = JSON.stringify({ billId: bill.id, decision, amount, currency: 'USD', issuedAt: clock });
    const signature = createHmac('sha256', SECRET).update(statement).digest('hex');
    await fetch(`${node.url}/v1/notify/sandbox`, {
      method: 'POST',
      body: statement,
      headers: { 'content-type': 'application/json', 'x-sandbox-signature': signature },
    });
    if (decision !== 'approve') continue;
    if (random() < 0.9) await post(`/v1/bills/${bill.id}/deliver`, {});
    paid.push({ ...bill, paidAt: clock });
  }
}
clock = Date.now();
await payServer.events.drain();
// One notification signed with the wrong secret: channel health shows it as a possible forgery.
const forged = JSON.stringify({ billId: paid[0].id, decision: 'approve', amount: 1, currency: 'USD', issuedAt: clock });
await fetch(`${node.url}/v1/notify/sandbox`, {
  method: 'POST',
  body: forged,
  headers: {
    'content-type': 'application/json',
    'x-sandbox-signature': createHmac('sha256', 'guess').update(forged).digest('hex'),
  },
});

// Yesterday's settlement: every bill paid yesterday but one, and one line with another amount.
const yesterday = new Date(Date.now() - DAY).toISOString().slice(0, 10);
const settled = paid.filter((b) => new Date(b.paidAt).toISOString().slice(0, 10) === yesterday).slice(1);
const lines = settled.map(
  (b, i) => `sbx_${i},${b.id},payment,${i === 0 ? b.amount - 100 : b.amount},USD,${new Date(b.paidAt).toISOString()}`,
);
await fetch(`${node.url}/v1/admin/reconciliations/upload?channel=sandbox&date=${yesterday}`, {
  method: 'POST',
  body: `sandbox_trade_no,bill_id,type,amount,currency,occurred_at\r\n${lines.join('\r\n')}\r\n`,
  headers: { authorization: `Bearer ${KEY}`, 'content-type': 'text/csv' },
});

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
await page.goto(`${node.url}/admin`);
await page.waitForSelector('#login:not([hidden])');
await page.screenshot({ path: `${OUT}login.png` });
await page.fill('input[name=name]', USER.name);
await page.fill('input[name=password]', USER.password);
await page.click('#login-form button');
await page.waitForSelector('#shell:not([hidden])');
for (const view of ['overview', 'funnel', 'health', 'bills', 'reconciliation']) {
  await page.click(`a[href="#${view}"]`);
  await page.waitForSelector(`#view[data-view=${view}][aria-busy=false]`);
  if (view === 'bills') {
    await page.fill('#bill-search input', paid.at(-3).id);
    await page.click('#bill-search button');
    await page.waitForSelector('#timeline li');
  }
  await page.screenshot({ path: `${OUT}${view}.png`, fullPage: true });
  console.log(`docs/admin/${view}.png`);
}
await browser.close();
await payServer.close();
await node.close();
hook.close();
