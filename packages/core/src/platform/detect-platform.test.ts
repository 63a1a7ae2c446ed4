import { describe, expect, it } from 'vitest';
import { detectOs, detectPlatform } from './detect-platform.js';

const browser = { window: {}, document: {} };
const chromeUa = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/156.0 Safari/537.36';
const electronUa =
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_0) AppleWebKit/537.36 Chrome/140.0 Electron/38.0.0 Safari/537.36';

describe('detectPlatform', () => {
  it.each([
    ['a browser', { ...browser, navigator: { userAgent: chromeUa } }, 'web'],
    ['an Electron renderer (user agent)', { ...browser, navigator: { userAgent: electronUa } }, 'electron-renderer'],
    [
      'an Electron renderer (process.versions)',
      { ...browser, process: { versions: { electron: '38.0.0' } } },
      'electron-renderer',
    ],
    [
      'the Electron main process',
      { process: { versions: { electron: '38.0.0' }, platform: 'darwin' } },
      'electron-main',
    ],
    ['Node', { process: { versions: {}, platform: 'linux' }, navigator: { userAgent: 'Node.js/20' } }, 'node'],
  ])('recognises %s', (_, globals, platform) => {
    expect(detectPlatform(globals)).toBe(platform);
  });

  it('detects this test runner as node', () => {
    expect(detectPlatform()).toBe('node');
  });
});

describe('detectOs', () => {
  it('answers web in a browser and the operating system elsewhere', () => {
    expect(detectOs('web', { navigator: { userAgent: chromeUa } })).toBe('web');
    expect(detectOs('electron-main', { process: { platform: 'win32' } })).toBe('windows');
    expect(detectOs('electron-renderer', { navigator: { userAgent: electronUa } })).toBe('macos');
    expect(detectOs('node', { process: { platform: 'linux' } })).toBe('linux');
    expect(detectOs('node', { process: { platform: 'aix' } })).toBeUndefined();
  });
});
