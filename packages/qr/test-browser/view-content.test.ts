// What the view shows: a modal dialog with its name and description, uqr's drawing of the payment link, the
// amount in the currency's major unit, the player's own words.
import { page } from '@vitest/browser/context';
import { encode, renderSVG } from 'uqr';
import { describe, expect, it } from 'vitest';
import { dialogIn, openView, WECHAT_LINK } from './open-view.js';

describe('the QR checkout view', () => {
  it('is a modal dialog named by its title and described by the amount and the time left', async () => {
    openView();
    const dialog = page.getByRole('dialog', { name: 'Scan with WeChat' });
    await expect.element(dialog).toBeVisible();
    const element = dialog.element() as HTMLDialogElement;
    expect(element.matches(':modal')).toBe(true);
    expect(element.getAttribute('aria-modal')).toBe('true');
    const description = element
      .getAttribute('aria-describedby')
      ?.split(' ')
      .map((id) => document.getElementById(id)?.textContent);
    expect(description?.[0]).toBe('CN¥12.34');
    expect(description?.[1]).toMatch(/^Expires in (15:00|14:59)$/);
    await expect.element(page.getByRole('button', { name: 'Close' })).toBeVisible();
  });

  it('draws the QR code of the link as uqr’s renderSVG does (error correction M, quiet zone 4)', () => {
    openView();
    const svg = dialogIn()?.querySelector('svg');
    const reference = new DOMParser().parseFromString(
      renderSVG(WECHAT_LINK, { ecc: 'M', border: 4 }),
      'image/svg+xml',
    ).documentElement;
    expect(svg?.getAttribute('viewBox')).toBe(reference.getAttribute('viewBox'));
    const d = svg?.querySelector('path')?.getAttribute('d') ?? '';
    expect(d).toBe(reference.querySelector('path')?.getAttribute('d'));
    expect(svg?.getAttribute('role')).toBe('img');
    expect(svg?.getAttribute('aria-label')).toBe('Payment QR code');
  });

  it('has one dark square for each dark module of uqr’s encoding of the link, and no other', () => {
    openView();
    const d = dialogIn()?.querySelector('svg path')?.getAttribute('d') ?? '';
    const { size, data, version } = encode(WECHAT_LINK, { ecc: 'M', border: 4 });
    expect([version, size]).toEqual([3, 29 + 2 * 4]);
    const drawn = Array.from({ length: size }, () => Array<boolean>(size).fill(false));
    for (const [, x, y] of d.matchAll(/M(\d+),(\d+)h10v10h-10z/g)) drawn[Number(y) / 10]![Number(x) / 10] = true;
    expect(drawn).toEqual(data);
    expect(dialogIn()?.querySelector('svg')?.getAttribute('viewBox')).toBe(`0 0 ${size * 10} ${size * 10}`);
  });

  it.each([
    [1234, 'CNY', 'zh-CN', '¥12.34'],
    [500, 'JPY', 'en', '¥500'],
    [499, 'USD', 'en-US', '$4.99'],
  ])('shows %i %s in %s as %s', async (amount, currency, locale, shown) => {
    openView({ amount, currency, locale });
    await expect.element(page.getByText(shown, { exact: true })).toBeVisible();
  });

  it('formats the amount for the document’s lang when no locale is given', async () => {
    document.documentElement.lang = 'zh-CN';
    try {
      openView({ locale: undefined });
      await expect.element(page.getByText('¥12.34', { exact: true })).toBeVisible();
    } finally {
      document.documentElement.lang = '';
    }
  });

  it('says the game’s own words', async () => {
    openView({ title: '请使用微信扫码支付', labels: { close: '关闭', expiresIn: '剩余时间', qrCode: '支付二维码' } });
    await expect.element(page.getByRole('dialog', { name: '请使用微信扫码支付' })).toBeVisible();
    await expect.element(page.getByRole('button', { name: '关闭' })).toBeVisible();
    await expect.element(page.getByRole('img', { name: '支付二维码' })).toBeVisible();
    expect(dialogIn()?.querySelector('.coinslot-qr__countdown')?.textContent).toMatch(/^剩余时间 1[45]:\d\d$/);
  });

  it('says “Scan to pay” without a title', async () => {
    openView({ title: undefined });
    await expect.element(page.getByRole('dialog', { name: 'Scan to pay' })).toBeVisible();
  });
});
