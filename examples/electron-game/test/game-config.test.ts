import { describe, expect, it } from 'vitest';
import { DEFAULT_PAY_SERVER, gamePageUrl, readPayServer } from '../src/main/game-config.js';
import { payServerOf } from '../src/renderer/bridge-client.js';

describe('how the renderer learns the pay server', () => {
  it('the main process reads $COINSLOT_PAY_SERVER (default: the one npm start runs) and puts it in the page URL', () => {
    expect(readPayServer({})).toBe(DEFAULT_PAY_SERVER);
    expect(readPayServer({ COINSLOT_PAY_SERVER: 'https://pay.example.com/' })).toBe('https://pay.example.com');
    const page = gamePageUrl('http://127.0.0.1:9000');
    expect(page).toBe('app://game/index.html?payServer=http%3A%2F%2F127.0.0.1%3A9000');
    expect(payServerOf(page)).toBe('http://127.0.0.1:9000');
  });

  it.each(['', 'ftp://x', 'javascript:alert(1)', 'not a url', 'http://x/?q=1'])('refuses the pay server %j', (value) => {
    expect(() => readPayServer({ COINSLOT_PAY_SERVER: value })).toThrow(TypeError);
  });

  it('the renderer refuses a page URL without an http(s) pay server', () => {
    expect(() => payServerOf('app://game/index.html')).toThrow(/needs \?payServer=/);
    expect(() => payServerOf('app://game/index.html?payServer=javascript%3Aalert(1)')).toThrow(/needs \?payServer=/);
  });
});
