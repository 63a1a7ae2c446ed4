import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../../scripts/lib/chromium.mjs';
import { ADMIN, ADMIN_KEY, adminReport, type ConsoleServer, startConsoleServer } from './admin-console-server.js';
import { call, closeAllServers, notifySandbox, startTestServer, statementFor } from './helpers.js';

// The admin console in a real browser: login, its figures against the reports API, bill timeline, reconciliation,
// CSRF, CSP. Debian's Chromium is a test requirement (.ci/run installs it): without it this suite fails, never skips.
describe('admin console in Chromium', () => {
  let browser: Browser;
  let seeded: ConsoleServer;
  const contexts: BrowserContext[] = [];
  beforeAll(async () => {
    browser = await launchChromium();
  }, 30_000);
  afterAll(async () => browser?.close());
  afterEach(async () => {
    for (const context of contexts.splice(0)) await context.close();
    await seeded?.receiver.close();
    await closeAllServers();
  });

  /** A fresh browser profile on the console; collects CSP violations and script errors. */
  async function open(url: string): Promise<{ page: Page; problems: string[] }> {
    const context = await browser.newContext();
    contexts.push(context);
    const page = await context.newPage();
    const problems: string[] = [];
    await page.addInitScript(() =>
      document.addEventListener('securitypolicyviolation', (e) => {
        (window as any).cspViolations = [
          ...((window as any).cspViolations ?? []),
          `${e.violatedDirective} ${e.blockedURI}`,
        ];
      }),
    );
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('console', (m) => m.type() === 'error' && /refused|policy/i.test(m.text()) && problems.push(m.text()));
    await page.goto(`${url}/admin`);
    return { page, problems };
  }

  async function logIn(page: Page, password = ADMIN.password): Promise<void> {
    await page.fill('input[name=name]', ADMIN.name);
    await page.fill('input[name=password]', password);
    await page.click('#login-form button');
  }

  async function violations(page: Page): Promise<string[]> {
    return page.evaluate(() => (window as any).cspViolations ?? []);
  }

  it('refuses a wrong password, then logs in with the right one', async () => {
    seeded = await startConsoleServer();
    const { page } = await open(seeded.server.url);
    await logIn(page, 'not the password at all');
    await expect.poll(() => page.textContent('#login-error'), { timeout: 20_000 }).toContain('wrong name or password');
    expect(await page.isVisible('#shell')).toBe(false);
    await logIn(page);
    await page.waitForSelector('#shell:not([hidden])');
    expect(await page.textContent('#who')).toBe(ADMIN.name);
  }, 60_000);

  it('limits failed logins: past the limit even the right password is refused (429)', async () => {
    seeded = await startConsoleServer({ loginAttempts: 3 });
    const { page } = await open(seeded.server.url);
    for (let i = 0; i < 3; i += 1) {
      await logIn(page, `wrong password ${i}`);
      await expect
        .poll(() => page.textContent('#login-error'), { timeout: 20_000 })
        .toContain('wrong name or password');
      await page.evaluate(() => (document.getElementById('login-error')!.textContent = ''));
    }
    await logIn(page);
    await expect.poll(() => page.textContent('#login-error'), { timeout: 20_000 }).toContain('Too many failed logins');
    expect(await page.isVisible('#shell')).toBe(false);
  }, 90_000);

  it('shows the overview cards and chart data the reports API gives for the seeded bills, with no CSP violation', async () => {
    seeded = await startConsoleServer();
    const { server } = seeded;
    const { page, problems } = await open(server.url);
    const response = await page.request.get(`${server.url}/admin`);
    expect(response.headers()['content-security-policy']).toContain("default-src 'self'");
    expect(response.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
    await logIn(page);
    await page.waitForSelector('[data-currency=USD] [data-card=gross]');
    const card = (key: string) => page.textContent(`[data-currency=USD] [data-card=${key}] .value`);
    const query = 'groupBy=currency';
    const revenue = (await adminReport(server, 'revenue', query)).rows[0];
    const payers = (await adminReport(server, 'payers', query)).rows.find((r: any) => r.currency === 'USD');
    const reversals = (await adminReport(server, 'reversals', query)).rows[0];
    // Four paid bills: 4.99 + 9.99 + 19.99 + 2.99 = 37.96 by three players, nothing refunded.
    expect([revenue.gross, revenue.payments, payers.payingPlayers, reversals.refundRate]).toEqual([3796, 4, 3, 0]);
    expect(await card('gross')).toBe('37.96 USD');
    expect(await card('net')).toBe('37.96 USD');
    expect(await card('payments')).toBe('4');
    expect(await card('payingPlayers')).toBe('3');
    expect(await card('refundRate')).toBe('0.0%');
    const daily = (await adminReport(server, 'revenue', 'groupBy=day,currency')).rows;
    const shown = await page.$$eval('#daily-figures tbody tr', (rows) =>
      rows.map((row) => [...row.querySelectorAll('td')].map((td) => td.textContent)),
    );
    expect(shown).toEqual(
      daily.map((r: any) => [r.day, `${(r.gross / 100).toFixed(2)} USD`, `${(r.net / 100).toFixed(2)} USD`]),
    );
    expect(await page.$$('#revenue-chart canvas')).toHaveLength(1);
    for (const tab of ['funnel', 'health', 'bills', 'reconciliation']) {
      await page.click(`a[href="#${tab}"]`);
      await page.waitForSelector(`#view[data-view=${tab}][aria-busy=false]`);
    }
    expect(await violations(page)).toEqual([]);
    expect(problems).toEqual([]);
  }, 60_000);

  it('finds a player’s bills and shows a bill’s timeline: paid by the channel, delivered, the webhook sent', async () => {
    seeded = await startConsoleServer();
    const { page } = await open(seeded.server.url);
    await logIn(page);
    await page.click('a[href="#bills"]');
    await page.fill('#bill-search input', 'bob');
    await page.click('#bill-search button');
    await page.waitForSelector('#timeline li');
    const bob = seeded.bills[2]!;
    expect(await page.textContent('#bill-detail h3')).toBe(`Bill ${bob.id}`);
    const steps = await page.$$eval('#timeline li', (items) => items.map((li) => li.textContent ?? ''));
    // Who did it, as the activity log recorded it: the sandbox's notification paid it, the game backend (development
    // auth here) delivered it, the pay server sent its webhook.
    expect(steps.some((s) => s.includes('paid') && s.includes('channel:sandbox'))).toBe(true);
    expect(steps.some((s) => s.includes('notification accepted') && s.includes('channel:sandbox'))).toBe(true);
    expect(steps.some((s) => s.includes('delivered') && s.includes('development'))).toBe(true);
    expect(steps.some((s) => s.includes('webhook sent') && s.includes(seeded.receiver.url))).toBe(true);
    expect(steps.some((s) => s.includes('event bill.paid') && s.includes('webhook sent after 1 attempt'))).toBe(true);
    expect(seeded.receiver.received.some((w) => w.billId === bob.id)).toBe(true);
    // The channel's trade number (the sandbox's is sbx_<bill id>) finds the same bill, and the timeline shows it.
    await page.fill('#bill-search input', `sbx_${bob.id}`);
    await page.click('#bill-search button');
    await expect.poll(() => page.$$eval('#bill-results tbody tr', (rows) => rows.length)).toBe(1);
    expect(await page.textContent('#bill-results tbody tr')).toContain(bob.id);
    expect(await page.textContent('#timeline')).toContain(`channel trade no. sbx_${bob.id}`);
  }, 60_000);

  it('shows a reconciliation’s amount mismatch', async () => {
    seeded = await startConsoleServer();
    const { server, bills } = seeded;
    const date = new Date().toISOString().slice(0, 10);
    const at = new Date().toISOString();
    const file = [
      'sandbox_trade_no,bill_id,type,amount,currency,occurred_at',
      `sbx_1,${bills[0]!.id},payment,499,USD,${at}`,
      `sbx_2,${bills[1]!.id},payment,990,USD,${at}`,
      `sbx_3,${bills[2]!.id},payment,1999,USD,${at}`,
      `sbx_4,${bills[3]!.id},payment,299,USD,${at}`,
    ].join('\r\n');
    const upload = await call(server, `/v1/admin/reconciliations/upload?channel=sandbox&date=${date}`, {
      method: 'POST',
      body: `${file}\r\n`,
      headers: { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'text/csv' },
    });
    expect(upload.status).toBe(201);
    const { page } = await open(server.url);
    await logIn(page);
    await page.click('a[href="#reconciliation"]');
    await page.waitForSelector('#mismatches tbody tr');
    const row = await page.textContent('#mismatches tbody tr');
    expect(row).toContain('amount-mismatch');
    expect(row).toContain(bills[1]!.id);
    expect(await page.textContent('#reconciliation-runs tbody')).toContain('sandbox');
    // Who ran it and who logged in, newest first, in the admin actions under channel health.
    await page.click('a[href="#health"]');
    await page.waitForSelector('#admin-actions tbody tr');
    const actions = await page.$$eval('#admin-actions tbody tr', (rows) => rows.map((row) => row.textContent ?? ''));
    expect(actions).toEqual([
      expect.stringMatching(/admin:ops.*console login.*all/),
      expect.stringMatching(/admin-key:1.*reconciliation uploaded.*default.*mismatch/),
    ]);
  }, 60_000);

  it('refuses a cross-site form POST, and a same-site request without the CSRF token', async () => {
    seeded = await startConsoleServer();
    const { server } = seeded;
    const { page } = await open(server.url);
    await logIn(page);
    await page.waitForSelector('#shell:not([hidden])');
    // Another site (localhost is not 127.0.0.1's site) posts a form to the console's logout.
    const target = `${server.url}/admin/api/logout`;
    const attacker: Server = createServer((_req, res) => {
      res.setHeader('content-type', 'text/html');
      res.end(
        `<form method="post" action="${target}"><input name="x" value="1"></form><script>document.forms[0].submit()</script>`,
      );
    });
    await new Promise<void>((done) => attacker.listen(0, '127.0.0.1', done));
    const port = (attacker.address() as AddressInfo).port;
    const posted = page.waitForResponse(target);
    await page.goto(`http://localhost:${port}/`);
    expect((await posted).status()).toBe(403);
    attacker.close();
    // The session survived: the console still shows it.
    await page.goto(`${server.url}/admin`);
    await page.waitForSelector('#shell:not([hidden])');
    // Same origin but no CSRF token (a request the page itself did not make): refused too.
    const bare = await page.evaluate(async () => (await fetch('/admin/api/logout', { method: 'POST' })).status);
    expect(bare).toBe(403);
    // The cookie without SameSite's help: a foreign Origin is refused even with the cookie.
    const cookie = (await page.context().cookies()).find((c) => c.name === 'coinslot_admin')!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/admin' });
    const forged = await fetch(target, {
      method: 'POST',
      headers: { cookie: `coinslot_admin=${cookie.value}`, origin: 'http://evil.example' },
    });
    expect(forged.status).toBe(403);
  }, 60_000);

  it('logout ends the session: its cookie no longer opens the console', async () => {
    seeded = await startConsoleServer();
    const { server } = seeded;
    const { page } = await open(server.url);
    await logIn(page);
    await page.waitForSelector('#shell:not([hidden])');
    const cookie = (await page.context().cookies()).find((c) => c.name === 'coinslot_admin')!;
    const before = await fetch(`${server.url}/admin/api/session`, {
      headers: { cookie: `coinslot_admin=${cookie.value}` },
    });
    expect(before.status).toBe(200);
    await page.click('#logout');
    await page.waitForSelector('#login:not([hidden])');
    const after = await fetch(`${server.url}/admin/api/session`, {
      headers: { cookie: `coinslot_admin=${cookie.value}` },
    });
    expect(after.status).toBe(401);
    expect((await page.context().cookies()).some((c) => c.name === 'coinslot_admin')).toBe(false);
  }, 60_000);

  it('channel health counts a notification with a bad signature as a possible forgery', async () => {
    seeded = await startConsoleServer();
    const { server, bills } = seeded;
    const forged = await notifySandbox(server, statementFor(bills[4]!), 'not-the-sandbox-secret-0123456789');
    expect(forged.status).toBe(400);
    const { page } = await open(server.url);
    await logIn(page);
    await page.click('a[href="#health"]');
    await page.waitForSelector('#notifications tbody tr');
    const cells = await page.$$eval('#notifications tbody tr td', (tds) => tds.map((td) => td.textContent));
    // Four payments accepted while seeding, then the forged one refused.
    expect(cells).toEqual(['default', 'sandbox', '4', '0', '0', '1', 'bad X-Sandbox-Signature']);
    // The webhooks of the four payments and two deliveries, all taken by the game backend's endpoint.
    const webhooks = await page.$$eval('#webhooks tbody tr td', (tds) => tds.map((td) => td.textContent));
    expect(webhooks.slice(0, 4)).toEqual(['default', seeded.receiver.url, '6', '0']);
    // One instance, this one, reporting its held waits.
    const instances = await page.$$eval('#instances tbody tr', (rows) => rows.map((row) => row.textContent));
    expect(instances).toEqual([expect.stringContaining('(answering)')]);
  }, 60_000);

  it('without admin users there is no console', async () => {
    const server = await startTestServer();
    expect((await call(server, '/admin')).status).toBe(404);
    expect((await call(server, '/admin/api/session')).status).toBe(404);
  });
});
