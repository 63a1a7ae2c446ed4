import { findMissingModule } from './missing-module.js';
import { packageOf } from './module-specifier.js';

/**
 * Tell "the channel's package is not installed" from "the adapter is installed but failed to load".
 *
 * Rules, in order:
 * 1. Not a module-not-found error (`ERR_MODULE_NOT_FOUND`/`MODULE_NOT_FOUND`, "Cannot find module/package",
 *    webpack `ChunkLoadError`, a browser's failed dynamic import or module specifier, Vite's "Failed to load url")
 *    → `load-failed`.
 * 2. A module URL could not be fetched (webpack `ChunkLoadError`, "Failed to fetch dynamically imported module",
 *    Safari's "Importing a module script failed"): the bundler resolved the package, so it is installed, and the
 *    network or the server failed → `load-failed`, which the next `ready()` tries again.
 * 3. The error names a path (a file of an installed package, or a local module) → `load-failed`; a
 *    module-not-found code whose message names nothing → `not-installed`.
 * 4. The error names a package and `packageName` is known (the loader's `package`, or read from its source)
 *    → `not-installed` only when the specifier is that package or a subpath of it; another package is the
 *    adapter's own missing dependency → `load-failed`.
 * 5. `packageName` unknown but `channelId` given → `not-installed` when the named package looks like the
 *    channel's (its last segment is the id or ends with `-<id>`: `@acme/channel-stripe` for `stripe`),
 *    else `load-failed`.
 * 6. Neither known → `load-failed`: without evidence a real failure must not be hidden as "not installed".
 *
 * @param packageName - the channel's package, when known.
 * @param channelId - the channel's id (the key in `channels`), used only when `packageName` is unknown.
 */
export function classifyLoadError(
  error: unknown,
  packageName: string | undefined,
  channelId?: string,
): 'not-installed' | 'load-failed' {
  const missing = findMissingModule(error);
  if (missing === undefined || missing.kind === 'file' || missing.kind === 'fetch') return 'load-failed';
  if (missing.kind === 'unnamed') return 'not-installed';
  const { specifier } = missing;
  if (packageName !== undefined) {
    return specifier === packageName || specifier.startsWith(`${packageName}/`) ? 'not-installed' : 'load-failed';
  }
  if (channelId !== undefined) {
    const base = packageOf(specifier).split('/').pop() ?? '';
    return base === channelId || base.endsWith(`-${channelId}`) ? 'not-installed' : 'load-failed';
  }
  return 'load-failed';
}
