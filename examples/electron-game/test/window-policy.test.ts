import { describe, expect, it } from 'vitest';
import { CHECKOUT_WINDOW_NAME, createWindowPolicy } from '../src/main/window-policy.js';

const policy = createWindowPolicy({ gameOrigin: 'app://game', payServer: 'http://127.0.0.1:8787' });

describe("the main process's window policy", () => {
  it("opens windows on the pay server's origin only — or core's empty checkout window, named coinslot-sandbox", () => {
    expect(policy.mayOpen({ url: 'http://127.0.0.1:8787/v1/sandbox/checkout/b_1?token=t', frameName: '' })).toBe(true);
    expect(policy.mayOpen({ url: 'about:blank', frameName: CHECKOUT_WINDOW_NAME })).toBe(true);
    expect(policy.mayOpen({ url: 'about:blank', frameName: 'other' })).toBe(false);
    expect(policy.mayOpen({ url: 'http://127.0.0.1:8788/', frameName: CHECKOUT_WINDOW_NAME })).toBe(false);
    expect(policy.mayOpen({ url: 'https://evil.example/', frameName: CHECKOUT_WINDOW_NAME })).toBe(false);
    expect(policy.mayOpen({ url: 'file:///etc/passwd', frameName: CHECKOUT_WINDOW_NAME })).toBe(false);
    expect(policy.mayOpen({ url: 'app://game/index.html', frameName: '' })).toBe(false);
  });

  it('lets the checkout window go to the pay server only, and the game window stay on app://game', () => {
    expect(policy.popupMayNavigate('http://127.0.0.1:8787/v1/sandbox/checkout/b_1?token=t')).toBe(true);
    expect(policy.popupMayNavigate('https://evil.example/phish')).toBe(false);
    expect(policy.popupMayNavigate('about:blank')).toBe(false);
    expect(policy.gameMayNavigate('app://game/index.html?payServer=x')).toBe(true);
    expect(policy.gameMayNavigate('app://gamex/index.html')).toBe(false);
    expect(policy.gameMayNavigate('http://127.0.0.1:8787/')).toBe(false);
  });
});
