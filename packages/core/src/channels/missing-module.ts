import { isRecord } from '../internal/guards.js';
import { isBareSpecifier } from './module-specifier.js';

/**
 * What a module-not-found error says is missing:
 * - `package`: a bare specifier (`@scope/pkg`, `pkg/sub`);
 * - `file`: a path (a file inside an installed package, or a local module);
 * - `fetch`: a module URL the browser could not fetch (webpack `ChunkLoadError`, a browser's failed dynamic import
 *   of a chunk): the bundler had resolved the module, so it is installed, and the network or the server failed;
 * - `unnamed`: a module-not-found code whose message names nothing.
 */
export type MissingModule =
  | { kind: 'package'; specifier: string }
  | { kind: 'file'; path: string }
  | { kind: 'fetch' }
  | { kind: 'unnamed' };

const NAMED_PATTERNS = [
  /Cannot find (?:module|package) ['"]([^'"]+)['"]/, // Node (ESM and CommonJS), webpack's missing-module stub
  /Failed to resolve module specifier ["']([^"']+)["']/, // Chromium
  /The specifier [“"']([^”"']+)[”"'] was a bare specifier/, // Firefox
  /Module name, '([^']+)' does not resolve to a valid URL/, // Safari
];
const VITE_PATTERN = /Failed to load url (\S+)/;
const URL_PATTERNS = [
  /Failed to fetch dynamically imported module/, // Chromium
  /error loading dynamically imported module/, // Firefox
  /Importing a module script failed/, // Safari
];

/** Read what a loader's error says is missing; `undefined` when it is not a module-not-found error at all. */
export function findMissingModule(error: unknown): MissingModule | undefined {
  if (!isRecord(error) && !(error instanceof Error)) return undefined;
  const { name, code, message } = error as { name?: unknown; code?: unknown; message?: unknown };
  const firstLine = typeof message === 'string' ? (message.split('\n')[0] ?? '') : '';
  if (name === 'ChunkLoadError') return { kind: 'fetch' };
  for (const pattern of NAMED_PATTERNS) {
    const named = pattern.exec(firstLine)?.[1];
    if (named === undefined) continue;
    return isBareSpecifier(named) ? { kind: 'package', specifier: named } : { kind: 'file', path: named };
  }
  const viteUrl = VITE_PATTERN.exec(firstLine)?.[1];
  if (viteUrl !== undefined)
    return isBareSpecifier(viteUrl) ? { kind: 'package', specifier: viteUrl } : { kind: 'file', path: viteUrl };
  if (URL_PATTERNS.some((pattern) => pattern.test(firstLine))) return { kind: 'fetch' };
  if (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') return { kind: 'unnamed' };
  return undefined;
}
