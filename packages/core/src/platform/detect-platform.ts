import type { Platform } from '../contract/payment-interface.js';

/** The globals platform detection reads; a parameter so tests can describe any environment. */
export interface PlatformGlobals {
  window?: unknown;
  document?: unknown;
  navigator?: { userAgent?: string };
  process?: { versions?: { electron?: string }; platform?: string };
}

/**
 * Where core is running:
 * - `electron-renderer`: the user agent names Electron, or `process.versions.electron` with a window;
 * - `electron-main`: `process.versions.electron` without a window;
 * - `web`: a window and a document;
 * - `node`: anything else.
 */
export function detectPlatform(globals: PlatformGlobals = globalThis as PlatformGlobals): Platform {
  const hasWindow = globals.window !== undefined && globals.document !== undefined;
  if (/\bElectron\//.test(globals.navigator?.userAgent ?? '')) return 'electron-renderer';
  if (globals.process?.versions?.electron) return hasWindow ? 'electron-renderer' : 'electron-main';
  return hasWindow ? 'web' : 'node';
}

const NODE_OS: Record<string, string> = { win32: 'windows', darwin: 'macos', linux: 'linux', android: 'android' };
const USER_AGENT_OS: Array<[RegExp, string]> = [
  [/Windows/, 'windows'],
  [/iPhone|iPad|iPod/, 'ios'],
  [/Mac OS X|Macintosh/, 'macos'],
  [/Android/, 'android'],
  [/Linux|X11/, 'linux'],
];

/** The bill's `os` field: `web` in a browser, else the operating system (`windows`, `macos`, `linux`…) when known. */
export function detectOs(
  platform: Platform,
  globals: PlatformGlobals = globalThis as PlatformGlobals,
): string | undefined {
  if (platform === 'web') return 'web';
  const fromNode = NODE_OS[globals.process?.platform ?? ''];
  if (fromNode !== undefined) return fromNode;
  const userAgent = globals.navigator?.userAgent ?? '';
  return USER_AGENT_OS.find(([pattern]) => pattern.test(userAgent))?.[1];
}
