import { classifyLoadError } from '@coinslot/core';
import { CHANNEL_ID, isChannelId } from '@coinslot/protocol';
import type { ConfigProblem } from './config-error.js';
import { at } from './config-fields.js';
import type { ChannelEntry, ChannelRegistry } from './driver-registry.js';

/** Imports a module by specifier (`@coinslot/channel-<id>/server`); tests pass one that maps it to a fixture. */
export type ChannelPackageImporter = (specifier: string) => Promise<unknown>;

/** The default importer. The specifier is computed, so bundlers leave it to Node, which resolves it from here. */
export const importChannelPackage: ChannelPackageImporter = (specifier) => import(specifier);

/** The npm package of channel `id`: `@coinslot/channel-<id>`. */
export const channelPackage = (id: string): string => `@coinslot/channel-${id}`;

/** The module a channel package's driver is loaded from: its `/server` entry. */
export const channelServerEntry = (id: string): string => `${channelPackage(id)}/server`;

/** Why `value` is not a {@link ChannelEntry}, or `undefined` when it is one. */
function entryProblem(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return 'it exports no channelEntry';
  const entry = value as Record<string, unknown>;
  if (typeof entry.description !== 'string') return 'its channelEntry has no description (a string)';
  if (typeof entry.production !== 'boolean') return 'its channelEntry has no production flag (a boolean)';
  if (typeof entry.create !== 'function') return 'its channelEntry has no create(options, ctx) function';
  return undefined;
}

/** The `channelEntry` export of a loaded module (or of its CommonJS `default`). */
function exportedEntry(module: unknown): unknown {
  const named = (module as { channelEntry?: unknown } | null)?.channelEntry;
  return named ?? (module as { default?: { channelEntry?: unknown } } | null)?.default?.channelEntry;
}

/** The channels a configuration names: every entry found, and a problem for each id that has none. */
export interface LoadedChannels {
  registry: ChannelRegistry;
  problems: ConfigProblem[];
}

/**
 * Finds the {@link ChannelEntry} of each configured channel id: a built-in one from `builtIn`, else the `channelEntry`
 * exported by `@coinslot/channel-<id>/server`. Each id that has none is a problem naming `channels.<id>` — not a
 * channel id, the package not installed (with the `npm install` that fixes it), failing to load, or exporting no
 * valid entry — all collected, so one start names every one.
 */
export async function loadChannelEntries(
  ids: readonly string[],
  builtIn: ChannelRegistry,
  importPackage: ChannelPackageImporter = importChannelPackage,
): Promise<LoadedChannels> {
  const found = await Promise.all(ids.map((id) => findEntry(id, builtIn, importPackage)));
  const registry: Record<string, ChannelEntry> = {};
  const problems: ConfigProblem[] = [];
  found.forEach((result, index) => {
    const id = ids[index]!;
    if (typeof result === 'string') problems.push({ field: at('channels', id), message: result });
    else registry[id] = result;
  });
  return { registry, problems };
}

/** The entry of channel `id`, or why there is none. */
async function findEntry(
  id: string,
  builtIn: ChannelRegistry,
  importPackage: ChannelPackageImporter,
): Promise<ChannelEntry | string> {
  const known = Object.keys(builtIn).join(', ');
  if (Object.hasOwn(builtIn, id)) return builtIn[id]!;
  if (!isChannelId(id)) return `is not a channel id (${CHANNEL_ID}; built in: ${known})`;
  const pkg = channelPackage(id);
  const specifier = channelServerEntry(id);
  let module: unknown;
  try {
    module = await importPackage(specifier);
  } catch (error) {
    if (classifyLoadError(error, pkg) === 'not-installed')
      return `no built-in channel "${id}" (built in: ${known}), and its package ${pkg} is not installed: run \`npm install ${pkg}\``;
    return `${specifier} failed to load: ${error instanceof Error ? error.message : String(error)}`;
  }
  const entry = exportedEntry(module);
  const problem = entryProblem(entry);
  return problem === undefined
    ? (entry as ChannelEntry)
    : `${specifier} is not a Coinslot channel's server entry: ${problem}`;
}
