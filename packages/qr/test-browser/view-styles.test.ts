// How the view is styled: one adopted stylesheet (no style attribute, no inline handler, so a strict CSP is fine),
// themed by --coinslot-qr-* custom properties, taken away with the last view.
import { describe, expect, it } from 'vitest';
import { QR_CHECKOUT_CSS } from '../src/index.js';
import { useQrStyles } from '../src/qr-styles.js';
import { dialogIn, openView } from './open-view.js';

const ourSheets = (doc: Document = document) =>
  doc.adoptedStyleSheets.filter((sheet) => [...sheet.cssRules].some((rule) => rule.cssText.includes('coinslot-qr')));

describe('the view’s styles', () => {
  it('has no style attribute and no inline event handler', () => {
    openView();
    const elements = [dialogIn()!, ...dialogIn()!.querySelectorAll('*')];
    expect(elements.length).toBeGreaterThan(5);
    const inline = elements.flatMap((element) =>
      element.getAttributeNames().filter((name) => name === 'style' || name.startsWith('on')),
    );
    expect(inline).toEqual([]);
  });

  it('comes from one adopted stylesheet, with defaults', () => {
    openView();
    expect(ourSheets()).toHaveLength(1);
    expect(getComputedStyle(dialogIn()!).borderTopLeftRadius).toBe('12px');
    expect(getComputedStyle(dialogIn()!.querySelector('svg')!).width).toBe('240px');
    expect(QR_CHECKOUT_CSS).toContain('--coinslot-qr-accent');
  });

  it('follows the page’s --coinslot-qr-* custom properties', () => {
    const root = document.documentElement;
    root.style.setProperty('--coinslot-qr-radius', '3px');
    root.style.setProperty('--coinslot-qr-size', '300px');
    root.style.setProperty('--coinslot-qr-accent', 'rgb(7, 193, 96)');
    try {
      openView();
      expect(getComputedStyle(dialogIn()!).borderTopLeftRadius).toBe('3px');
      expect(getComputedStyle(dialogIn()!.querySelector('svg')!).width).toBe('300px');
      expect(getComputedStyle(dialogIn()!.querySelector('button')!).backgroundColor).toBe('rgb(7, 193, 96)');
    } finally {
      for (const name of ['--coinslot-qr-radius', '--coinslot-qr-size', '--coinslot-qr-accent']) {
        root.style.removeProperty(name);
      }
    }
  });

  it('adopts the stylesheet once for two views and takes it away with the last', async () => {
    const first = openView();
    const second = openView();
    expect(ourSheets()).toHaveLength(1);
    first.controller.abort();
    await first.outcome;
    expect(ourSheets()).toHaveLength(1);
    second.controller.abort();
    await second.outcome;
    expect(ourSheets()).toHaveLength(0);
  });

  it('shows in the document it is given, styled there (an iframe’s)', async () => {
    const frame = document.createElement('iframe');
    document.body.append(frame);
    try {
      const doc = frame.contentDocument!;
      const view = openView({ document: doc });
      expect(dialogIn()).toBeNull();
      expect(dialogIn(doc)?.open).toBe(true);
      expect(ourSheets(doc)).toHaveLength(1);
      expect(frame.contentWindow!.getComputedStyle(dialogIn(doc)!).borderTopLeftRadius).toBe('12px');
      view.controller.abort();
      expect(await view.outcome).toBe('aborted');
      expect(dialogIn(doc)).toBeNull();
      expect(ourSheets(doc)).toHaveLength(0);
    } finally {
      frame.remove();
    }
  });

  it('falls back to a <style> element with the nonce where a stylesheet cannot be adopted (no window)', () => {
    const windowless = document.implementation.createHTMLDocument('no window');
    const release = useQrStyles(windowless, 'n0nce');
    const style = windowless.head.querySelector('style');
    expect(style?.nonce).toBe('n0nce');
    expect(style?.textContent).toBe(QR_CHECKOUT_CSS);
    release();
    expect(windowless.head.querySelector('style')).toBeNull();
  });
});
